package org.hiehub.projections.clinical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationComponent;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.QualityAssessment;

/** Events as the ingestion side writes them, for the projections' plain-object tests. */
public final class ClinicalFixtures {

    public static final SourceRecordId RECORD = SourceRecordId.of("sr-lab-1");

    private ClinicalFixtures() {
    }

    public static MessageAccepted accepted(String messageKey, String sourceSystem, Instant receivedAt) {
        return new MessageAccepted(MessageKey.of(messageKey), "http", sourceSystem, MessageFormat.values()[0],
                "ORU^R01", "c-" + messageKey, "h-" + messageKey, receivedAt, 1,
                new QualityAssessment(90, "ACCEPT", Map.of("completeness", 90), List.of()));
    }

    public static ObservationRecorded glucose(String factId, String messageKey, String value, Instant at) {
        return observation(factId, messageKey, Concept.of("LN", "2345-7", "Glucose"), value, "mg/dL", at);
    }

    public static ObservationRecorded observation(String factId, String messageKey, Concept code, String value,
                                                  String unit, Instant at) {
        return new ObservationRecorded(RECORD, factId, messageKey, code, "NM",
                new Measurement(value, new BigDecimal(value), null, unit, null, null), null, null, "70-99", null,
                "final", time(at), null, null, null, null, null, null, null);
    }

    /** A result whose value is a whole document as text, as an OBX of type ED with a base64 PDF is read. */
    public static ObservationRecorded report(String factId, String messageKey, String text, Instant at) {
        return new ObservationRecorded(RECORD, factId, messageKey, Concept.of("LN", "11502-2", "Laboratory report"),
                "ED", null, null, text, null, null, "final", time(at), null, null, null, null, null, null, null);
    }

    public static ClinicalTime time(Instant at) {
        return at == null ? null : new ClinicalTime(at.toString(), at, null, "second");
    }

    /** A seasonal influenza dose (CVX 141) of {@link #RECORD} given at {@code at} (dated, as parsers date it). */
    public static ImmunizationRecorded influenzaDose(String factId, String status, Instant at, String recordId) {
        return new ImmunizationRecorded(RECORD, factId, "m1", Concept.of("CVX", "141", "Influenza, seasonal"), status,
                new ClinicalTime(at.toString(), at, LocalDate.ofInstant(at, ZoneOffset.UTC), "second"), null, null,
                null, recordId);
    }

    /** A FHIR-style blood pressure panel: no value of its own, systolic and diastolic as components. */
    public static ObservationRecorded bloodPressure(String factId, Instant at, String systolic, String diastolic) {
        return new ObservationRecorded(RECORD, factId, "m1",
                Concept.of("http://loinc.org", "85354-9", "Blood pressure panel"), "component", null, null,
                "8480-6: " + systolic + " mm[Hg]; 8462-4: " + diastolic + " mm[Hg]", null, null, "final",
                time(at), null, null, null, null, null, null, null, null, List.of(
                        new ObservationComponent(Concept.of("http://loinc.org", "8480-6", "Systolic"), "Quantity",
                                new Measurement(systolic, new BigDecimal(systolic), null, "mm[Hg]",
                                        "http://unitsofmeasure.org", "mm[Hg]"), null, null),
                        new ObservationComponent(Concept.of("http://loinc.org", "8462-4", "Diastolic"), "Quantity",
                                new Measurement(diastolic, new BigDecimal(diastolic), null, "mm[Hg]",
                                        "http://unitsofmeasure.org", "mm[Hg]"), null, null)));
    }

    /** The token a streaming processor hands a handler for the event at {@code position} of the log. */
    public static GlobalSequenceTrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }
}
