package org.hiehub.hub.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.QualityAssessment;

/**
 * Made-up event streams shaped like the hub's own: per patient a registered source record, its master patient and
 * the link (three aggregates, as the command side writes them), then lab messages of a few glucose results each.
 * Everything is synthetic; no real person's data.
 */
final class RebuildBenchEvents {

    static final int OBSERVATIONS_PER_MESSAGE = 8;
    static final int MESSAGES_PER_PATIENT = 2;
    static final int EVENTS_PER_PATIENT = 3 + MESSAGES_PER_PATIENT * (1 + OBSERVATIONS_PER_MESSAGE);
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Concept GLUCOSE = new Concept(List.of(new Coding("http://loinc.org", "2345-7", "Glucose")),
            "Glucose");

    private RebuildBenchEvents() {
    }

    /** Identity events of this patient and then its clinical ones (the kinds summary and timeline handle). */
    static void patient(int i, Consumer<DomainEventMessage<?>> out) {
        Instant at = BASE.plusSeconds(i * 60L);
        SourceRecordId record = new SourceRecordId("bench-sr-" + i);
        MasterPatientId patient = new MasterPatientId("bench-mp-" + i);
        Demographics demographics = new Demographics(
                List.of(new PersonName("official", "Benchfamily" + (i % 997), List.of("Given" + (i % 89)), null,
                        null)),
                LocalDate.of(1940, 1, 1).plusDays(i % 25_000), i % 2 == 0 ? "female" : "male",
                List.of(new PatientIdentifier("urn:bench:mrn", "MRN" + i, "MR")), List.of(), List.of(), null, null);
        out.accept(event("SourceRecord", record.value(), 0, new SourceRecordRegistered(record, "BENCH",
                "MRN" + i, demographics), at));
        out.accept(event("MasterPatient", patient.value(), 0, new PatientCreated(patient, record), at));
        out.accept(event("SourceRecord", record.value(), 1, new IdentifierLinked(record, patient, 100,
                LinkMethod.NEW_PATIENT), at));
        for (int m = 0; m < MESSAGES_PER_PATIENT; m++) {
            String key = "bench-msg-" + i + "-" + m;
            Instant received = at.plusSeconds(3600L * (m + 1));
            List<DomainEventMessage<?>> message = new ArrayList<>();
            message.add(event("IngestedMessage", key, 0, new MessageAccepted(new MessageKey(key), "bench", "BENCH",
                    MessageFormat.HL7V2, "ORU^R01", key, key, received, OBSERVATIONS_PER_MESSAGE,
                    new QualityAssessment(95, "ACCEPT", Map.of(), List.of())), received));
            for (int o = 0; o < OBSERVATIONS_PER_MESSAGE; o++) {
                String value = String.valueOf(70 + (i + o) % 60);
                Instant effective = received.minusSeconds(600L + o);
                message.add(event("IngestedMessage", key, o + 1L, new ObservationRecorded(record,
                        key + "-" + o, key, GLUCOSE, "NM",
                        new Measurement(value, new BigDecimal(value), null, "mg/dL", "http://unitsofmeasure.org",
                                "mg/dL"), null, null, "70-99", null, "F",
                        new ClinicalTime(effective.toString(), effective, null, "second"), null, null, null, null,
                        null, null, null), received));
            }
            message.forEach(out);
        }
    }

    private static DomainEventMessage<?> event(String type, String aggregate, long sequence, Object payload,
                                               Instant at) {
        return new GenericDomainEventMessage<>(type, aggregate, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at);
    }
}
