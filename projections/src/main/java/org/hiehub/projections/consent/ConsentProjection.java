package org.hiehub.projections.consent;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.hiehub.api.consent.ConsentDirectiveRecorded;
import org.hiehub.api.consent.ConsentDirectiveRevoked;
import org.hiehub.api.consent.EmergencyAccessGranted;
import org.hiehub.api.consent.EmergencyAccessReviewed;
import org.hiehub.api.privacy.PersonErased;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each patient's consent directives and every break-the-glass access. Directives are kept in one document per
 * patient, replaced whole (keyed by directive id inside), so a replay or re-delivery writes the same document.
 * Times come from the events, never the clock.
 */
@Component
@ProcessingGroup(ConsentProjection.GROUP)
public class ConsentProjection {

    public static final String GROUP = "consent";
    /** In a consent file: {@code [{accessId, clinician, expiresAtMillis}]}, every break-the-glass grant. */
    public static final String EMERGENCY_ACCESS_FIELD = "emergencyAccess";
    private final MongoCollection<Document> directives;
    private final MongoCollection<Document> emergencyAccess;

    public ConsentProjection(MongoDatabase readStore) {
        this.directives = readStore.getCollection(ConsentCollections.DIRECTIVES);
        this.emergencyAccess = readStore.getCollection(ConsentCollections.EMERGENCY_ACCESS);
    }

    @EventHandler
    void on(ConsentDirectiveRecorded e) {
        Document directive = new Document("directiveId", e.directiveId())
                .append("provision", e.provision().name().toLowerCase())
                .append("categories", e.categories()).append("organizations", e.organizations())
                .append("purposes", e.purposes())
                .append("effective", e.effective() == null ? null : e.effective().toString())
                .append("expires", e.expires() == null ? null : e.expires().toString())
                .append("recordedBy", e.recordedBy()).append("recordedAt", e.recordedAt().toString())
                .append("revoked", false);
        rewrite(e.masterPatientId().value(), e.directiveId(), directive);
    }

    @EventHandler
    void on(ConsentDirectiveRevoked e) {
        Document current = directivesOf(e.masterPatientId().value()).stream()
                .filter(d -> e.directiveId().equals(d.getString("directiveId"))).findFirst().orElse(null);
        if (current != null) {
            rewrite(e.masterPatientId().value(), e.directiveId(), new Document(current).append("revoked", true)
                    .append("revokedBy", e.revokedBy()).append("revokedAt", e.revokedAt().toString()));
        }
    }

    @EventHandler
    void on(EmergencyAccessGranted e) {
        emergencyAccess.replaceOne(eq("_id", e.accessId()), new Document("_id", e.accessId())
                .append("masterPatientId", e.masterPatientId().value()).append("clinician", e.clinician())
                .append("organization", e.organization()).append("reason", e.reason().name())
                .append("note", e.note()).append("grantedAt", e.grantedAt().toString())
                .append("expiresAt", e.expiresAt().toString()).append("expiresAtMillis", e.expiresAt().toEpochMilli())
                .append("reviewed", false), new ReplaceOptions().upsert(true));
        fileGrant(e.masterPatientId().value(), e.accessId(), e.clinician(), e.expiresAt().toEpochMilli());
    }

    /**
     * The grant is also filed in the patient's consent file, which every read of the patient fetches by {@code _id}:
     * finding it by patient in {@code emergency_access} would scan that collection on the embedded store. The same
     * event adds the same element, so a replay or re-delivery changes nothing.
     */
    private void fileGrant(String patient, String accessId, String clinician, long expiresAtMillis) {
        directives.updateOne(eq("_id", patient), Updates.addToSet(EMERGENCY_ACCESS_FIELD,
                new Document("accessId", accessId).append("clinician", clinician)
                        .append("expiresAtMillis", expiresAtMillis)), new UpdateOptions().upsert(true));
    }

    /**
     * Files the grants recorded before consent files held them (a read store written by an earlier version): once
     * at start-up, idempotent, over a collection that holds only break-the-glass accesses.
     */
    @EventListener(ApplicationReadyEvent.class)
    void fileEarlierGrants() {
        emergencyAccess.find().forEach(a -> fileGrant(a.getString("masterPatientId"), a.getString("_id"),
                a.getString("clinician"), a.get("expiresAtMillis", Number.class).longValue()));
    }

    @EventHandler
    void on(EmergencyAccessReviewed e) {
        emergencyAccess.updateOne(eq("_id", e.accessId()), Updates.combine(Updates.set("reviewed", true),
                Updates.set("review", new Document("reviewer", e.reviewer()).append("justified", e.justified())
                        .append("comment", e.comment()).append("reviewedAt", e.reviewedAt().toString()))),
                new UpdateOptions().upsert(true));
    }

    /** An erased person's consent file and break-the-glass records go with them (their ids are pseudonymous). */
    @EventHandler
    void on(PersonErased e) {
        List<String> patients = new ArrayList<>();
        patients.add(e.masterPatientId().value());
        e.retiredMasterPatientIds().forEach(id -> patients.add(id.value()));
        directives.deleteMany(com.mongodb.client.model.Filters.in("_id", patients));
        emergencyAccess.deleteMany(com.mongodb.client.model.Filters.in("masterPatientId", patients));
    }

    @ResetHandler
    void reset() {
        directives.deleteMany(new Document());
        emergencyAccess.deleteMany(new Document());
    }

    private void rewrite(String patient, String directiveId, Document directive) {
        List<Document> all = new ArrayList<>(directivesOf(patient).stream()
                .filter(d -> !directiveId.equals(d.getString("directiveId"))).toList());
        all.add(directive);
        // $set, not a replacement: the file also lists the patient's break-the-glass grants
        directives.updateOne(eq("_id", patient), Updates.set("directives", all), new UpdateOptions().upsert(true));
    }

    private List<Document> directivesOf(String patient) {
        Document doc = directives.find(eq("_id", patient)).first();
        return doc == null ? List.of() : doc.getList("directives", Document.class, List.of());
    }
}
