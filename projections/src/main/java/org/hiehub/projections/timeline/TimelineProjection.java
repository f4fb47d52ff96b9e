package org.hiehub.projections.timeline;

import java.time.Instant;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.DischargeCancelled;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.EncounterTransferred;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.ObservationComponent;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.clinical.TransferCancelled;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.clinical.FactTime;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.projections.clinical.MessageSources;
import org.hiehub.projections.support.Erasure;
import org.hiehub.projections.support.LogPosition;
import org.hiehub.projections.support.ViewText;
import org.hiehub.projections.terminology.CanonicalValue;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The timeline: one entry per clinical fact of a source record, keyed by factId (so a re-delivery rewrites the same
 * entry), timed by the fact itself, falling back to the message's receipt when the fact carries no time.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
public class TimelineProjection {

    public static final String GROUP = "timeline";
    private final ReadModelScope scope;
    private final MessageSources origins;
    private final Terminology terminology;
    private final TimelineEntries entries;

    /** The running projection: writes whichever version readers see (see {@link ReadModels}). */
    @Autowired
    public TimelineProjection(ReadModels readModels, Terminology terminology) {
        this(readModels.following(GROUP), terminology);
    }

    /** An instance bound to one version's collections, e.g. for a blue/green rebuild. */
    public TimelineProjection(ReadModelScope scope, Terminology terminology) {
        this.scope = scope;
        this.origins = new MessageSources(() -> scope.collection(TimelineCollections.MESSAGES));
        this.terminology = terminology;
        this.entries = new TimelineEntries(scope);
    }

    public static RebuildableProjection rebuildable(Terminology terminology) {
        return new RebuildableProjection(GROUP, TimelineCollections.ALL, scope -> new TimelineProjection(scope,
                terminology), TimelineKeys::writtenBeforeBuckets);
    }

    @EventHandler
    void on(MessageAccepted event) {
        origins.accepted(event);
    }

    /** FHIR value[x] and HL7 v2 value types the event keeps as text that the FHIR facade can give back typed. */
    private static final Set<String> TYPED_TEXT = Set.of("boolean", "integer", "dateTime", "time", "Range", "Ratio",
            "SN");

    @EventHandler
    void on(ObservationRecorded e) {
        String sourceSystem = origins.of(e.messageKey()).sourceSystem();
        NormalisedCode code = terminology.normalise(sourceSystem, e.code());
        Document entry = entry(e, "observation", code, FactTime.of(e.effective(), e.issued()));
        putValue(entry, code, e.quantity(), e.valueConcept(), e.valueText());
        if (e.valueText() != null && TYPED_TEXT.contains(e.valueType())) {
            entry.append("valueType", e.valueType()); // FHIR answers a boolean as a boolean, not the word "true"
        }
        if (!e.components().isEmpty()) {
            entry.append("components", e.components().stream().map(c -> component(sourceSystem, c)).toList());
        }
        write(entry.append("abnormalFlag", e.abnormalFlag()).append("status", e.status()));
    }

    /** A panel's part as the entry shows it: its code and value interpreted like an observation's own. */
    private Document component(String sourceSystem, ObservationComponent c) {
        NormalisedCode code = terminology.normalise(sourceSystem, c.code());
        Document part = new Document("code", code == null ? null : codeDocument(code));
        putValue(part, code, c.quantity(), c.valueConcept(), c.valueText());
        return part;
    }

    /**
     * The value of an observation or of one of its components: a number in the code's canonical unit with its
     * comparator, else the words (and, for a coded result, the code); then the value and unit as sent.
     */
    private void putValue(Document target, NormalisedCode code, Measurement quantity, Concept valueConcept,
                          String valueText) {
        CanonicalValue value = terminology.toCanonical(code != null && code.isLoinc() ? code.code() : null,
                quantity);
        if (value != null && value.value() != null) {
            target.append("value", value.value().toPlainString()).append("unit", value.unit());
            if (quantity.comparator() != null) {
                // ">100 mg/dL" is not 100: without it a value past the measurable range reads as exact
                target.append("comparator", quantity.comparator());
            }
        } else {
            ViewText.put(target, "value", valueConcept != null ? text(valueConcept) : valueText);
            NormalisedCode coded = valueConcept == null ? null : terminology.canonical(valueConcept);
            if (coded != null && coded.code() != null) {
                // a coded result (an organism, a blood group) is its code, not just the words shown for it
                target.append("valueCode", codeDocument(coded));
            }
        }
        target.append("valueAsSent", quantity == null ? null : quantity.valueAsSent())
                .append("unitAsSent", quantity == null ? null : quantity.unitAsSent());
    }

    /**
     * A visit's entries (its start, end and transfers, their cancellations) keep their event-log position: the
     * facade joins them into one encounter, and which word about the visit is the latest is a matter of log order.
     */
    @EventHandler
    void on(EncounterStarted e, TrackingToken token) {
        Instant end = FactTime.of(e.end()); // a FHIR Encounter sent finished carries its end; an HL7 A03 comes later
        write(visitEntry(e, VisitEntries.START, terminology.canonical(e.type()), e.start(), e.encounterId(), token)
                .append("end", FactTime.iso(end)).append("value", e.encounterClass()).append("status", e.status())
                .append("location", e.location()));
    }

    @EventHandler
    void on(EncounterEnded e, TrackingToken token) {
        write(visitEntry(e, VisitEntries.END, null, e.end(), e.encounterId(), token)
                .append("value", e.dischargeDisposition()));
    }

    @EventHandler
    void on(EncounterTransferred e, TrackingToken token) {
        write(visitEntry(e, VisitEntries.TRANSFER, null, e.at(), e.encounterId(), token)
                .append("location", e.location()).append("value", e.priorLocation()));
    }

    @EventHandler
    void on(TransferCancelled e, TrackingToken token) {
        write(visitEntry(e, VisitEntries.TRANSFER_CANCELLED, null, e.at(), e.encounterId(), token)
                .append("location", e.location()));
    }

    @EventHandler
    void on(DischargeCancelled e, TrackingToken token) {
        write(visitEntry(e, VisitEntries.DISCHARGE_CANCELLED, null, e.at(), e.encounterId(), token));
    }

    @EventHandler
    void on(EncounterCancelled e, TrackingToken token) {
        write(visitEntry(e, VisitEntries.CANCELLED, null, e.at(), e.encounterId(), token));
    }

    /** An entry of one of a visit's words: named by the visit id, ordered among them by its log position. */
    private Document visitEntry(ClinicalEvent e, String type, NormalisedCode code, ClinicalTime time,
                                String encounterId, TrackingToken token) {
        return entry(e, type, code, FactTime.of(time)).append("encounterId", encounterId)
                .append("position", LogPosition.of(token));
    }

    @EventHandler
    void on(ConditionRecorded e) {
        write(entry(e, "condition", terminology.canonical(e.code()), FactTime.of(e.onset(), e.recorded()))
                .append("status", e.clinicalStatus()));
    }

    @EventHandler
    void on(MedicationRecorded e) {
        write(entry(e, "medication", terminology.canonical(e.medication()),
                FactTime.of(e.authoredOn(), e.effectiveStart()))
                .append("status", e.status()).append("value", e.dosageText()));
    }

    @EventHandler
    void on(AllergyRecorded e) {
        write(entry(e, "allergy", terminology.canonical(e.substance()), FactTime.of(e.recorded(), e.onset()))
                .append("status", e.clinicalStatus()).append("value", e.criticality()));
    }

    /**
     * An immunization with what its record says of the dose; a detail not sent is left out of the entry. Its
     * {@code doseIdentity} is what a withdrawal by its sender names it by: readers mark a dose withdrawn by an
     * entered-in-error entry of the same record ({@link ImmunizationDoses}).
     */
    @EventHandler
    void on(ImmunizationRecorded e) {
        Document entry = entry(e, ImmunizationDoses.TYPE, terminology.canonical(e.vaccine()),
                FactTime.of(e.occurrence()))
                .append("status", e.status()).append(ImmunizationDoses.IDENTITY, ImmunizationDoses.identity(e));
        ImmunizationDetails details = e.details();
        putPresent(entry, "lotNumber", e.lotNumber());
        putPresent(entry, "dose", dose(details.dose()));
        putPresent(entry, "route", concept(details.route()));
        putPresent(entry, "site", concept(details.site()));
        putPresent(entry, "manufacturer", concept(details.manufacturer()));
        putPresent(entry, "statusReason", concept(details.statusReason()));
        putPresent(entry, "primarySource", details.primarySource());
        putPresent(entry, "reportOrigin", concept(details.reportOrigin()));
        putPresent(entry, "expiration", isoDate(details.expiration()));
        write(entry);
    }

    private static void putPresent(Document entry, String field, Object value) {
        if (value != null) {
            entry.append(field, value);
        }
    }

    /** A date as ISO 8601 to the precision it was sent with (a lot expiring "202612" expires in 2026-12). */
    private static String isoDate(ClinicalTime time) {
        if (time == null) {
            return null;
        }
        String digits = time.asSent().replace("-", ""); // HL7 "202612", FHIR "2026-12"
        return switch (String.valueOf(time.precision())) {
            case "year" -> digits.substring(0, 4);
            case "month" -> digits.substring(0, 4) + "-" + digits.substring(4, 6);
            default -> time.date() == null ? null : time.date().toString();
        };
    }

    /** The amount as sent, with its number when it is one (the CDC guide's "999", amount unknown, has none). */
    private static Document dose(Measurement dose) {
        if (dose == null) {
            return null;
        }
        return new Document("value", dose.value() == null ? null : dose.value().toPlainString())
                .append("valueAsSent", dose.valueAsSent()).append("unit", dose.unitAsSent())
                .append("unitSystem", dose.unitSystem()).append("unitCode", dose.unitCode());
    }

    /** A coded detail as the terminology names it; one sent as words alone keeps its words. */
    private Document concept(Concept concept) {
        if (concept == null) {
            return null;
        }
        NormalisedCode code = terminology.canonical(concept);
        return code != null && code.code() != null ? codeDocument(code) : new Document("display", text(concept));
    }

    /**
     * The person's entries go, and their records stay tombstoned in this version, so that another segment still
     * to reach their facts (a rebuild, or processors sharing segments) does not write them back.
     */
    @EventHandler
    void on(PersonErased event) {
        Erasure.afterPendingWrites(scope.collection(TimelineCollections.ENTRIES).getNamespace().getFullName(),
                () -> entries.forget(event.sourceRecordIdValues()));
    }

    @ResetHandler
    void reset() {
        origins.clear();
        entries.clear();
    }

    private Document entry(ClinicalEvent e, String type, NormalisedCode code, Instant factTime) {
        MessageSources.Origin origin = origins.of(e.messageKey());
        Instant at = FactTime.orElse(factTime, origin.receivedAt());
        return new Document("_id", e.factId()).append("sourceRecordId", e.sourceRecordId().value())
                .append("sourceSystem", origin.sourceSystem()).append("type", type)
                .append("time", FactTime.iso(at)).append("t", FactTime.millis(at))
                .append("code", code == null ? null : codeDocument(code))
                .append("mappingVersion", terminology.version());
    }

    private static Document codeDocument(NormalisedCode code) {
        return new Document("system", code.system()).append("code", code.code()).append("display", code.display())
                .append("mapped", code.mapped());
    }

    private void write(Document entry) {
        entries.add(entry);
    }

    private static String text(Concept concept) {
        return concept.text() != null ? concept.text() : concept.codings().stream()
                .map(c -> c.display() != null ? c.display() : c.code()).findFirst().orElse(null);
    }
}
