package org.hiehub.projections.alerts;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.ErasureGuard;
import org.hiehub.projections.support.LogPosition;
import org.hiehub.projections.support.WriteBehind;
import org.hiehub.projections.clinical.FactTime;
import org.hiehub.projections.clinical.MessageSources;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;
import org.springframework.stereotype.Component;

/**
 * Alerts: critical lab values, admissions and their cancellations, and drug–allergy conflicts, per source record.
 * Each alert's id names its rule and the facts that raised it, and its {@code position} is the event-log position of
 * the event that raised it (for a conflict, the later of the two facts), so a replay or re-delivery writes the same
 * document again. The position orders the feed and lets a query process in another JVM stream alerts by polling past
 * a watermark.
 */
@Component
@ProcessingGroup(AlertProjection.GROUP)
public class AlertProjection {

    public static final String GROUP = "alerts";
    private static final Set<String> VOID_RESULT = Set.of("cancelled", "entered-in-error", "x", "w", "d");
    private static final Set<String> INACTIVE_MEDICATION = Set.of("stopped", "cancelled", "entered-in-error",
            "completed", "not-taken", "declined");
    private static final Set<String> VOID_ALLERGY = Set.of("entered-in-error", "refuted", "inactive", "resolved");
    private final MongoCollection<Document> alerts;
    /** Alerts as raised, one ordered bulk write per batch. */
    private final WriteBehind alertWrites;
    private final MongoCollection<Document> drugAllergyState;
    private final MessageSources origins;
    private final RecordIndex index;
    private final Terminology terminology;
    private final CriticalValues criticalValues;
    private final DrugAllergyTable drugAllergies;
    private final Set<String> admissionClasses;
    private final ErasureGuard erasures;

    public AlertProjection(MongoDatabase readStore, Terminology terminology, AlertProperties properties) {
        this.alerts = readStore.getCollection(AlertCollections.ALERTS);
        this.alertWrites = new WriteBehind(alerts);
        this.drugAllergyState = readStore.getCollection(AlertCollections.DRUG_ALLERGY_STATE);
        this.origins = new MessageSources(readStore.getCollection(AlertCollections.MESSAGES));
        this.index = new RecordIndex(readStore.getCollection(AlertCollections.RECORD_INDEX));
        this.erasures = ErasureGuard.over(readStore, GROUP, AlertCollections.ERASED, this::forget);
        this.terminology = terminology;
        this.criticalValues = new CriticalValues(properties.criticalValues(), terminology);
        this.drugAllergies = new DrugAllergyTable(properties.drugAllergies(), terminology);
        this.admissionClasses = properties.admissionClasses().stream().map(c -> c.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
    }

    @EventHandler
    void on(MessageAccepted event) {
        origins.accepted(event);
    }

    @EventHandler
    void on(ObservationRecorded event, TrackingToken token) {
        if (event.status() != null && VOID_RESULT.contains(event.status().toLowerCase(Locale.ROOT))) {
            return;
        }
        MessageSources.Origin origin = origins.of(event.messageKey());
        NormalisedCode code = terminology.normalise(origin.sourceSystem(), event.code());
        criticalValues.check(code, event.quantity(), event.abnormalFlag()).ifPresent(finding -> {
            Instant at = FactTime.orElse(FactTime.of(event.effective(), event.issued()), origin.receivedAt());
            Document details = new Document("code", codeDocument(code))
                    .append("value", event.quantity() == null ? null : event.quantity().valueAsSent())
                    .append("unit", event.quantity() == null ? null : event.quantity().unitAsSent())
                    .append("abnormalFlag", event.abnormalFlag()).append("rule", finding.rule())
                    .append("direction", finding.direction())
                    .append("limit", finding.limit() == null ? null : finding.limit().toPlainString())
                    .append("limitUnit", finding.limitUnit());
            String title = "Critical " + (finding.name() != null ? finding.name() : "result") + " "
                    + (event.quantity() == null ? "" : event.quantity().valueAsSent() + " "
                    + nullToEmpty(event.quantity().unitAsSent())).trim()
                    + (finding.limit() == null ? " (flagged " + finding.direction() + " by the lab)"
                    : " (" + finding.direction() + " " + finding.limit().toPlainString() + " " + finding.limitUnit()
                    + ")");
            raise(event, event.messageKey(), "critical-lab|" + event.factId(), "critical-lab", "high",
                    title.replaceAll("\\s+", " "), at, LogPosition.of(token), details, List.of(event.factId()));
        });
    }

    @EventHandler
    void on(EncounterStarted event, TrackingToken token) {
        if (event.encounterClass() == null
                || !admissionClasses.contains(event.encounterClass().toLowerCase(Locale.ROOT))
                || SummarySelection.sentAsVoid(event.status())) {
            return; // not an admission, or one sent as never having happened
        }
        Instant at = FactTime.orElse(FactTime.of(event.start()), origins.of(event.messageKey()).receivedAt());
        String encounter = event.encounterId() != null ? event.encounterId() : event.factId();
        Document details = new Document("encounterId", event.encounterId())
                .append("encounterClass", event.encounterClass()).append("status", event.status())
                .append("location", event.location()).append("admitSource", event.admitSource());
        raise(event, event.messageKey(), "admission|" + event.sourceRecordId().value() + "|" + encounter,
                "admission", "info", "Admission (" + event.encounterClass() + ")", at, LogPosition.of(token), details,
                List.of(event.factId()));
        if (event.encounterId() != null) {
            Document admission = new Document("encounterId", event.encounterId()).append("factId", event.factId())
                    .append("messageKey", event.messageKey())
                    .append("encounterClass", event.encounterClass()).append("t", FactTime.millis(at))
                    .append("position", LogPosition.of(token));
            Document state = remember(event, "admissions", admission);
            for (Document cancel : state.getList("cancellations", Document.class, List.of())) {
                admissionCancelled(event, admission, cancel);
            }
        }
    }

    /**
     * A cancelled admission (A11) is news to whoever was told of the admission: an alert of its own follows the
     * admission's in the feed. Raised when both are known, whichever a segment meets first (as a drug–allergy
     * conflict is), and only for a cancellation later in the log than the admission it withdraws.
     */
    @EventHandler
    void on(EncounterCancelled event, TrackingToken token) {
        Instant at = FactTime.orElse(FactTime.of(event.at()), origins.of(event.messageKey()).receivedAt());
        Document cancel = new Document("encounterId", event.encounterId()).append("factId", event.factId())
                .append("messageKey", event.messageKey())
                .append("t", FactTime.millis(at)).append("position", LogPosition.of(token));
        Document state = remember(event, "cancellations", cancel);
        for (Document admission : state.getList("admissions", Document.class, List.of())) {
            admissionCancelled(event, admission, cancel);
        }
    }

    private void admissionCancelled(ClinicalEvent event, Document admission, Document cancel) {
        if (!Objects.equals(admission.getString("encounterId"), cancel.getString("encounterId"))
                || cancel.getLong("position") < admission.getLong("position")) {
            return;
        }
        long t = cancel.getLong("t");
        Document details = new Document("encounterId", cancel.getString("encounterId"))
                .append("encounterClass", admission.getString("encounterClass"))
                .append("admissionFactId", admission.getString("factId"))
                .append("cancellationFactId", cancel.getString("factId"));
        String title = "Admission cancelled by its source (" + admission.getString("encounterClass") + ")";
        raise(event, cancel.getString("messageKey"), "admission-cancelled|" + event.sourceRecordId().value() + "|"
                + cancel.getString("factId"), "admission-cancelled", "info", title,
                t == Long.MIN_VALUE ? null : Instant.ofEpochMilli(t), cancel.getLong("position"), details,
                List.of(admission.getString("factId"), cancel.getString("factId")));
    }

    @EventHandler
    void on(MedicationRecorded event, TrackingToken token) {
        NormalisedCode code = terminology.canonical(event.medication());
        List<String> classes = drugAllergies.drugClasses(code);
        boolean active = event.status() == null
                || !INACTIVE_MEDICATION.contains(event.status().toLowerCase(Locale.ROOT));
        if (!classes.isEmpty() && active) {
            Instant at = FactTime.orElse(FactTime.of(event.authoredOn(), event.effectiveStart()),
                    origins.of(event.messageKey()).receivedAt());
            Document medication = fact(event, code, classes, at, LogPosition.of(token));
            Document state = remember(event, "medications", medication);
            for (Document allergy : state.getList("allergies", Document.class, List.of())) {
                conflict(event, medication, allergy);
            }
        }
    }

    @EventHandler
    void on(AllergyRecorded event, TrackingToken token) {
        NormalisedCode code = terminology.canonical(event.substance());
        List<String> classes = drugAllergies.allergenClasses(code);
        boolean active = (event.verificationStatus() == null
                || !VOID_ALLERGY.contains(event.verificationStatus().toLowerCase(Locale.ROOT)))
                && (event.clinicalStatus() == null
                || !VOID_ALLERGY.contains(event.clinicalStatus().toLowerCase(Locale.ROOT)));
        if (!classes.isEmpty() && active) {
            Instant at = FactTime.orElse(FactTime.of(event.recorded(), event.onset()),
                    origins.of(event.messageKey()).receivedAt());
            Document allergy = fact(event, code, classes, at, LogPosition.of(token));
            Document state = remember(event, "allergies", allergy);
            for (Document medication : state.getList("medications", Document.class, List.of())) {
                conflict(event, medication, allergy);
            }
        }
    }

    /**
     * The person's alerts and drug–allergy working state go (the live stream already showed what it showed), and
     * their records stay tombstoned for facts another segment has yet to reach (see {@link ErasureGuard}).
     */
    @EventHandler
    void on(PersonErased event) {
        erasures.erase(event.sourceRecordIdValues());
    }

    private void forget(java.util.Collection<String> records) {
        alerts.deleteMany(com.mongodb.client.model.Filters.in("_id", index.ids(records, "alerts")));
        drugAllergyState.deleteMany(com.mongodb.client.model.Filters.in("_id", List.copyOf(records)));
        index.forget(records);
    }

    @ResetHandler
    void reset() {
        origins.clear();
        erasures.clear();
        index.clear();
        alerts.deleteMany(new Document());
        drugAllergyState.deleteMany(new Document());
    }

    /**
     * Writes the fact first and then reads the other kind: of two facts handled at once by different segments, at
     * least one sees the other, and both write the same alert document.
     */
    private Document remember(ClinicalEvent event, String kind, Document fact) {
        String record = event.sourceRecordId().value();
        if (erasures.erased(record)) {
            return new Document();
        }
        Document state;
        try {
            state = drugAllergyState.findOneAndUpdate(eq("_id", record), Updates.addToSet(kind, fact),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoServerException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            state = drugAllergyState.findOneAndUpdate(eq("_id", record), Updates.addToSet(kind, fact),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)); // lost an upsert race
        }
        erasures.wrote(record);
        return state == null ? new Document() : state;
    }

    private void conflict(ClinicalEvent event, Document medication, Document allergy) {
        List<String> shared = medication.getList("classes", String.class).stream()
                .filter(allergy.getList("classes", String.class)::contains).toList();
        if (shared.isEmpty()) {
            return;
        }
        long position = Math.max(medication.getLong("position"), allergy.getLong("position"));
        long t = Math.max(medication.getLong("t"), allergy.getLong("t"));
        Document details = new Document("drugClass", shared.get(0))
                .append("medication", medication.get("code")).append("allergy", allergy.get("code"))
                .append("medicationFactId", medication.getString("factId"))
                .append("allergyFactId", allergy.getString("factId"));
        String title = "Drug–allergy conflict: " + display(medication) + " for a patient allergic to "
                + display(allergy) + " (" + shared.get(0) + ")";
        Document later = medication.getLong("position") >= allergy.getLong("position") ? medication : allergy;
        raise(event, later.getString("messageKey"), "drug-allergy|" + medication.getString("factId") + "|"
                + allergy.getString("factId"), "drug-allergy", "high", title,
                t == Long.MIN_VALUE ? null : Instant.ofEpochMilli(t), position, details,
                List.of(medication.getString("factId"), allergy.getString("factId")));
    }

    /**
     * Writes the alert {@code event}'s record raised. {@code message}: the message of the fact whose position the
     * alert carries (the later one, for an alert two facts raise), whose sender is the alert's source whichever of
     * the two a segment met last; null for working state kept before it was recorded (then the event's).
     */
    private void raise(ClinicalEvent event, String message, String id, String type, String severity, String title,
                       Instant at, long position, Document details, List<String> factIds) {
        String record = event.sourceRecordId().value();
        if (erasures.erased(record)) {
            return;
        }
        Document alert = new Document("_id", id).append("type", type).append("severity", severity)
                .append("title", title).append("sourceRecordId", record)
                .append("sourceSystem", origins.of(message != null ? message : event.messageKey()).sourceSystem())
                .append("time", FactTime.iso(at)).append("t", FactTime.millis(at)).append("position", position)
                .append("factIds", factIds).append("details", details)
                .append("mappingVersion", terminology.version());
        keepEarliest(alert);
        index.add(record, "alerts", id);
        erasures.wrote(record);
    }

    /**
     * The first event to raise an alert owns it (an encounter reported again by an A08 does not move its admission
     * alert up the feed): the write applies only where no document of an earlier position exists.
     */
    private void keepEarliest(Document alert) {
        Document notEarlier = new Document("_id", alert.getString("_id")).append("$or", List.of(
                new Document("position", new Document("$gte", alert.getLong("position"))),
                new Document("position", new Document("$exists", false))));
        // an upsert that collides with an earlier event's alert is repeated as a plain replace, which then matches
        // nothing: the earlier one stays
        alertWrites.replace(notEarlier, alert);
    }

    private static Document fact(ClinicalEvent event, NormalisedCode code, List<String> classes, Instant at,
                                 long position) {
        return new Document("factId", event.factId()).append("messageKey", event.messageKey())
                .append("code", codeDocument(code)).append("classes", classes)
                .append("t", FactTime.millis(at)).append("position", position);
    }

    private static Document codeDocument(NormalisedCode code) {
        return code == null ? null : new Document("system", code.system()).append("code", code.code())
                .append("display", code.display());
    }

    private static String display(Document fact) {
        Document code = fact.get("code", Document.class);
        return code == null ? "?" : code.getString("display") != null ? code.getString("display")
                : code.getString("code");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
