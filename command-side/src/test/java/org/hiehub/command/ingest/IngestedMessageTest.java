package org.hiehub.command.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.DecidedLink;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MatchDecision;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.RegisterSourceRecord;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.api.ingestion.RecordMessage;
import org.hiehub.api.ingestion.UnsupportedContentReceived;
import org.junit.jupiter.api.Test;

class IngestedMessageTest {

    static final MessageKey KEY = MessageKey.of("m-1");
    static final MessageAccepted ACCEPTED = new MessageAccepted(KEY, "mllp", "LAB", MessageFormat.HL7V2, "ORU^R01",
            "CTRL1", "abc", Instant.parse("2026-01-01T00:00:00Z"), 1,
            new QualityAssessment(95, "ACCEPT", Map.of("completeness", 95), List.of()));
    static final ObservationRecorded GLUCOSE = new ObservationRecorded(SourceRecordId.of("sr-1"), "m-1/0", "m-1",
            Concept.of("LN", "2345-7", "Glucose"), "NM", new Measurement("105", new BigDecimal("105"), null, "mg/dL",
            null, null), null, null, "70-99", "H", "F", new ClinicalTime("20260101", null, null, "day"), null,
            "LAB", "ORD1", null, null, null, null);

    @Test
    void records_an_accepted_message_with_all_its_facts_in_one_stream() {
        UnsupportedContentReceived claim = new UnsupportedContentReceived(KEY, "Claim", 2, "kept raw");
        new AggregateTestFixture<>(IngestedMessage.class)
                .givenNoPriorActivity()
                .when(new RecordMessage(KEY, ACCEPTED, List.of(GLUCOSE), List.of(claim), List.of()))
                .expectEvents(ACCEPTED, GLUCOSE, claim);
    }

    @Test
    void a_message_about_a_new_person_registers_links_and_founds_them_in_the_same_command_before_its_own_events() {
        SourceRecordId record = SourceRecordId.of("sr-1");
        MasterPatientId patient = MasterPatientId.of("mp-1");
        Demographics ann = new Demographics(List.of(PersonName.of("Smith", "Ann")), LocalDate.of(1970, 1, 15),
                "female", List.of(), List.of(), List.of(), null, null);
        DecidedLink founding = new DecidedLink(patient, 100, LinkMethod.NEW_PATIENT,
                MatchDecision.noMatch("NEW_PATIENT"));

        new AggregateTestFixture<>(IngestedMessage.class)
                .givenNoPriorActivity()
                .when(new RecordMessage(KEY, ACCEPTED, List.of(GLUCOSE), List.of(),
                        List.of(new RegisterSourceRecord(record, "LAB", "MRN1", ann, founding))))
                .expectEvents(new PatientCreated(patient, record),
                        new SourceRecordRegistered(record, "LAB", "MRN1", ann),
                        new IdentifierLinked(record, patient, 100, LinkMethod.NEW_PATIENT),
                        new MatchEvaluated(record, null, null, 0, "NO_MATCH", "NEW_PATIENT", List.of()),
                        ACCEPTED, GLUCOSE);
    }
}
