package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.DischargeCancelled;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.EncounterTransferred;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.clinical.TransferCancelled;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.ErasureGuard;
import org.hiehub.projections.support.LogPosition;
import org.hiehub.projections.support.WriteBehind;
import org.hiehub.projections.terminology.CanonicalValue;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;
import org.springframework.stereotype.Component;

/**
 * The clinical record of each source record: latest results per normalised code (with previous value, trend and
 * abnormal flag), medications, allergies, problems, immunizations and encounters. Codes and units are interpreted
 * here with the terminology version current when it runs, and every document names that version; a rebuild after
 * a table change re-interprets everything. Writes are keyed by factId (or record + encounter id) and ordered by the
 * fact's own time, so replays and late arrivals give the same documents.
 */
@Component
@ProcessingGroup(ClinicalRecordProjection.GROUP)
public class ClinicalRecordProjection {

    public static final String GROUP = "clinical-record";
    private final Terminology terminology;
    private final MessageSources origins;
    private final LatestLabs labs;
    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> encounters;
    private final WriteBehind factWrites;
    private final WriteBehind encounterWrites;
    private final MongoCollection<Document> labCollection;
    private final RecordIndex index;
    private final RecordSummaries summaries;
    private final ErasureGuard erasures;

    public ClinicalRecordProjection(MongoDatabase readStore, Terminology terminology) {
        this.terminology = terminology;
        this.origins = new MessageSources(readStore.getCollection(ClinicalCollections.MESSAGES));
        this.labCollection = readStore.getCollection(ClinicalCollections.LATEST_LABS);
        this.labs = new LatestLabs(labCollection);
        this.facts = readStore.getCollection(ClinicalCollections.FACTS);
        this.encounters = readStore.getCollection(ClinicalCollections.ENCOUNTERS);
        this.factWrites = new WriteBehind(facts);
        this.encounterWrites = new WriteBehind(encounters);
        this.index = new RecordIndex(readStore.getCollection(ClinicalCollections.RECORD_INDEX));
        this.summaries = new RecordSummaries(readStore.getCollection(ClinicalCollections.RECORD_SUMMARIES),
                labCollection, facts, encounters, index);
        this.erasures = ErasureGuard.over(readStore, GROUP, ClinicalCollections.ERASED, this::forget);
    }

    @EventHandler
    void on(MessageAccepted event) {
        origins.accepted(event);
    }

    @EventHandler
    void on(ObservationRecorded event) {
        result(event);
        // a panel's parts (systolic, diastolic) are results in their own right, each with its own trend
        PanelComponents.asResults(event).forEach(this::result);
    }

    private void result(ObservationRecorded event) {
        MessageSources.Origin origin = origins.of(event.messageKey());
        NormalisedCode code = terminology.normalise(origin.sourceSystem(), event.code());
        if (code == null || code.code() == null) {
            return; // nothing to group a result under; the timeline still shows it
        }
        CanonicalValue canonical = terminology.toCanonical(code.isLoinc() ? code.code() : null, event.quantity());
        Instant at = FactTime.orElse(FactTime.of(event.effective(), event.issued()), origin.receivedAt());
        String record = event.sourceRecordId().value();
        if (erasures.erased(record)) {
            return;
        }
        index.add(record, "labs", labs.record(record, code,
                FactDocuments.result(event, canonical, origin.sourceSystem(), at), terminology.version()));
        summaries.touched(record);
        erasures.wrote(record);
    }

    @EventHandler
    void on(MedicationRecorded event) {
        Instant at = FactTime.of(event.authoredOn(), event.effectiveStart());
        store(event, FactDocuments.medication(event, terminology.canonical(event.medication()), at));
    }

    @EventHandler
    void on(AllergyRecorded event) {
        Instant at = FactTime.of(event.recorded(), event.onset());
        store(event, FactDocuments.allergy(event, terminology.canonical(event.substance()), at));
    }

    @EventHandler
    void on(ConditionRecorded event) {
        Instant at = FactTime.of(event.onset(), event.recorded());
        store(event, FactDocuments.condition(event, terminology.canonical(event.code()), at));
    }

    @EventHandler
    void on(ImmunizationRecorded event) {
        store(event, FactDocuments.immunization(event, terminology.canonical(event.vaccine()),
                FactTime.of(event.occurrence())));
    }

    /**
     * Start and end are separate fields, so the two events commute: an end that arrives first is kept. The start's
     * log position is kept too: a cancellation stands only if no start came later (see
     * {@link SummarySelection#cancelled}), and a transfer's location only if it came after the admission's.
     */
    @EventHandler
    void on(EncounterStarted event, TrackingToken token) {
        Instant start = FactTime.of(event.start());
        upsertEncounter(event, event.encounterId(), combine(set("startFactId", event.factId()),
                set("encounterClass", event.encounterClass()), set("type", FactDocuments.conceptText(event.type())),
                set("status", event.status()), set("start", FactTime.iso(start)),
                set("startT", FactTime.millis(start)), set("endAsReported", FactTime.iso(FactTime.of(event.end()))),
                set("location", event.location()), set("reason", FactDocuments.conceptText(event.reason())),
                set("admitSource", event.admitSource()),
                set("sourceSystem", origins.of(event.messageKey()).sourceSystem()),
                max(SummarySelection.STARTED_AT, LogPosition.of(token))));
    }

    /**
     * The discharge and its cancellation (A13) are words about the same thing, the visit's end: the one latest in
     * the event log stands, whichever order a processor's segments meet them in (the write applies only where no
     * later word is recorded, see {@link #latestWord}).
     */
    @EventHandler
    void on(EncounterEnded event, TrackingToken token) {
        latestWord(event, event.encounterId(), SummarySelection.END_WORD_AT, LogPosition.of(token), combine(
                set("endFactId", event.factId()), set("end", FactTime.iso(FactTime.of(event.end()))),
                set("dischargeDisposition", event.dischargeDisposition()), unset("dischargeCancelFactId")));
    }

    @EventHandler
    void on(DischargeCancelled event, TrackingToken token) {
        latestWord(event, event.encounterId(), SummarySelection.END_WORD_AT, LogPosition.of(token), combine(
                unset("endFactId"), unset("end"), unset("dischargeDisposition"),
                set("dischargeCancelFactId", event.factId())));
    }

    /**
     * The source withdrew the visit (A11): the encounter stays, with the cancellation's log position, for those who
     * read what was said; measures and summaries leave it out unless a start came later in the log (a re-admission
     * under the same number), whichever order a processor's segments meet the two in.
     */
    @EventHandler
    void on(EncounterCancelled event, TrackingToken token) {
        upsertEncounter(event, event.encounterId(), combine(set("cancelFactId", event.factId()),
                set("cancelledAt", FactTime.iso(FactTime.of(event.at()))),
                max(SummarySelection.CANCELLED_AT, LogPosition.of(token))));
    }

    /**
     * A transfer (A02) moves the patient; its cancellation (A12) puts them back where it says: the latest stands,
     * and stands over the admission's location if it came after it ({@link SummarySelection#location}).
     */
    @EventHandler
    void on(EncounterTransferred event, TrackingToken token) {
        latestWord(event, event.encounterId(), SummarySelection.MOVED_AT, LogPosition.of(token), combine(
                set(SummarySelection.MOVED_TO, event.location()), set("priorLocation", event.priorLocation()),
                set("transferredAt", FactTime.iso(FactTime.of(event.at())))));
    }

    @EventHandler
    void on(TransferCancelled event, TrackingToken token) {
        latestWord(event, event.encounterId(), SummarySelection.MOVED_AT, LogPosition.of(token), combine(
                set(SummarySelection.MOVED_TO, event.location()), unset("priorLocation"), unset("transferredAt")));
    }

    /**
     * One of the words about a visit that the latest in the event log decides (its end, its location): written
     * with the position it came at ({@code positionField}), only where no later one is recorded.
     */
    private void latestWord(ClinicalEvent event, String encounterId, String positionField, long position,
                            Bson fields) {
        String id = encounterKey(event, encounterId);
        Document noLaterWord = new Document("_id", id).append("$or", List.of(
                new Document(positionField, new Document("$lte", position)),
                new Document(positionField, new Document("$exists", false))));
        upsertEncounter(event, encounterId, noLaterWord, combine(fields, set(positionField, position)));
    }

    /**
     * The person's labs, facts and encounters go; message origins (source system, receipt time) are no one's. Their
     * records stay tombstoned for facts another segment has yet to reach (see {@link ErasureGuard}).
     */
    @EventHandler
    void on(PersonErased event) {
        erasures.erase(event.sourceRecordIdValues());
    }

    private void forget(java.util.Collection<String> records) {
        labCollection.deleteMany(com.mongodb.client.model.Filters.in("_id", index.ids(records, "labs")));
        facts.deleteMany(com.mongodb.client.model.Filters.in("_id", index.ids(records, "facts")));
        encounters.deleteMany(com.mongodb.client.model.Filters.in("_id", index.ids(records, "encounters")));
        index.forget(records);
        summaries.forget(records);
    }

    @ResetHandler
    void reset() {
        origins.clear();
        erasures.clear();
        index.clear();
        summaries.clear();
        labCollection.deleteMany(new Document());
        facts.deleteMany(new Document());
        encounters.deleteMany(new Document());
    }

    private void store(ClinicalEvent event, Document fact) {
        if (erasures.erased(event.sourceRecordId().value())) {
            return;
        }
        fact.append("_id", event.factId()).append("sourceRecordId", event.sourceRecordId().value())
                .append("sourceSystem", origins.of(event.messageKey()).sourceSystem())
                .append("mappingVersion", terminology.version());
        factWrites.replace(eq("_id", event.factId()), fact);
        index.add(event.sourceRecordId().value(), "facts", event.factId());
        summaries.touched(event.sourceRecordId().value());
        erasures.wrote(event.sourceRecordId().value());
    }

    private void upsertEncounter(ClinicalEvent event, String encounterId, Bson fields) {
        upsertEncounter(event, encounterId, eq("_id", encounterKey(event, encounterId)), fields);
    }

    /** The visit's document, keyed by record and visit id (the fact's id for a visit the source did not number). */
    private void upsertEncounter(ClinicalEvent event, String encounterId, Bson filter, Bson fields) {
        String record = event.sourceRecordId().value();
        if (erasures.erased(record)) {
            return;
        }
        var update = combine(fields, set("sourceRecordId", record), set("encounterId", encounterId),
                set("mappingVersion", terminology.version()));
        index.add(record, "encounters", encounterKey(event, encounterId));
        // Two segments upserting the same new encounter: the loser's insert collides and is applied as an update
        // (which, for a conditional write that a later word excludes, changes nothing).
        encounterWrites.upsert(filter, update);
        summaries.touched(record);
        erasures.wrote(record);
    }

    private static String encounterKey(ClinicalEvent event, String encounterId) {
        return event.sourceRecordId().value() + "|" + (encounterId != null ? encounterId : event.factId());
    }
}
