package org.hiehub.query.access;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.consent.ConsentCollections;
import org.hiehub.projections.consent.ConsentProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import com.mongodb.client.MongoDatabase;

/**
 * Decides, from a patient's directives and any break-the-glass access, what a caller may see. Rules, in order:
 * an unexpired break-the-glass access by this caller opens everything; a directive applies when it is in force
 * today and names the caller's organization and purpose (or none); under opt-out a deny without categories hides
 * the patient, a deny with categories hides those; a permit naming the caller's organization overrides a deny
 * (the patient's explicit exception); under opt-in nothing is shown until a permit applies.
 */
@Component
public class ConsentPolicy {

    private final MongoDatabase readStore;
    private final SensitiveCodes codes;
    private final ConsentProperties properties;
    private final Clock clock;

    @Autowired
    public ConsentPolicy(MongoDatabase readStore, ConsentProperties properties) {
        this(readStore, properties, Clock.systemUTC());
    }

    ConsentPolicy(MongoDatabase readStore, ConsentProperties properties, Clock clock) {
        this.readStore = readStore;
        this.properties = properties;
        this.codes = new SensitiveCodes(properties.categories());
        this.clock = clock;
    }

    public SensitiveCodes codes() {
        return codes;
    }

    public AccessDecision decide(Caller caller, String masterPatientId) {
        // One read by _id: the consent file holds the directives and every break-the-glass grant for the patient.
        Document file = readStore.getCollection(ConsentCollections.DIRECTIVES).find(eq("_id", masterPatientId))
                .first();
        Document emergency = file == null ? null : file.getList(ConsentProjection.EMERGENCY_ACCESS_FIELD,
                        Document.class, List.of()).stream()
                .filter(a -> caller.user().equals(a.getString("clinician")))
                .filter(a -> a.get("expiresAtMillis", Number.class).longValue() > clock.millis())
                .findFirst().orElse(null);
        if (emergency != null) {
            return new AccessDecision(masterPatientId, AccessDecision.Outcome.BREAK_THE_GLASS, Set.of(),
                    emergency.getString("accessId"), codes);
        }
        List<Document> applicable = file == null ? List.of() : file.getList("directives", Document.class, List.of())
                .stream().filter(d -> inForce(d) && appliesTo(d, caller)).toList();
        boolean hideAll = properties.optIn();
        Set<String> hidden = new HashSet<>();
        for (Document d : applicable) {
            List<String> categories = d.getList("categories", String.class, List.of());
            if ("deny".equals(d.getString("provision"))) {
                hideAll |= categories.isEmpty();
                hidden.addAll(categories);
            }
        }
        for (Document d : applicable) {
            List<String> categories = d.getList("categories", String.class, List.of());
            boolean namesCaller = !d.getList("organizations", String.class, List.of()).isEmpty();
            if ("permit".equals(d.getString("provision")) && (properties.optIn() || namesCaller)) {
                hideAll = false;
                if (namesCaller) {
                    hidden.removeAll(categories.isEmpty() ? Set.copyOf(hidden) : categories);
                }
            }
        }
        AccessDecision.Outcome outcome = hideAll ? AccessDecision.Outcome.DENIED
                : hidden.isEmpty() ? AccessDecision.Outcome.ALLOWED : AccessDecision.Outcome.RESTRICTED;
        return new AccessDecision(masterPatientId, outcome, Set.copyOf(hidden), null, codes);
    }

    private boolean inForce(Document directive) {
        if (Boolean.TRUE.equals(directive.getBoolean("revoked"))) {
            return false;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String effective = directive.getString("effective");
        String expires = directive.getString("expires");
        return (effective == null || !LocalDate.parse(effective).isAfter(today))
                && (expires == null || today.isBefore(LocalDate.parse(expires)));
    }

    private static boolean appliesTo(Document directive, Caller caller) {
        List<String> organizations = directive.getList("organizations", String.class, List.of());
        List<String> purposes = directive.getList("purposes", String.class, List.of());
        return (organizations.isEmpty() || organizations.contains(caller.organization()))
                && (purposes.isEmpty() || purposes.contains(caller.purpose()));
    }
}
