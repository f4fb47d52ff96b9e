package org.hiehub.command.identity;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MergePatients;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.ErasePerson;
import org.hiehub.api.privacy.PersonErased;
import org.junit.jupiter.api.Test;

class MasterPatientTest {

    @Test
    void creates_a_master_patient_founded_by_a_source_record() {
        MasterPatientId patient = MasterPatientId.of("mp-1");
        SourceRecordId founder = SourceRecordId.of("sr-1");
        new AggregateTestFixture<>(MasterPatient.class)
                .givenNoPriorActivity()
                .when(new CreatePatient(patient, founder))
                .expectEvents(new PatientCreated(patient, founder));
    }

    @Test
    void merges_a_master_patient_into_a_survivor() {
        MasterPatientId retired = MasterPatientId.of("mp-1");
        MasterPatientId survivor = MasterPatientId.of("mp-2");
        new AggregateTestFixture<>(MasterPatient.class)
                .given(new PatientCreated(retired, SourceRecordId.of("sr-1")))
                .when(new MergePatients(retired, survivor, "steward-1", "duplicate"))
                .expectEvents(new PatientsMerged(retired, survivor, "steward-1", "duplicate"));
    }

    @Test
    void refuses_to_merge_a_patient_twice_or_into_itself() {
        MasterPatientId retired = MasterPatientId.of("mp-1");
        MasterPatientId survivor = MasterPatientId.of("mp-2");
        var fixture = new AggregateTestFixture<>(MasterPatient.class);
        fixture.given(new PatientCreated(retired, SourceRecordId.of("sr-1")),
                        new PatientsMerged(retired, survivor, "steward-1", "duplicate"))
                .when(new MergePatients(retired, MasterPatientId.of("mp-3"), "steward-1", "again"))
                .expectException(IdentityRuleViolation.class);
        fixture.given(new PatientCreated(retired, SourceRecordId.of("sr-1")))
                .when(new MergePatients(retired, retired, "steward-1", "self"))
                .expectException(IdentityRuleViolation.class);
    }

    @Test
    void erases_a_person_once_and_a_repeated_request_records_nothing_new() {
        MasterPatientId patient = MasterPatientId.of("mp-1");
        java.time.Instant at = java.time.Instant.parse("2026-11-22T12:00:00Z");
        ErasePerson erase = new ErasePerson(patient, java.util.List.of(), java.util.List.of(SourceRecordId.of("sr-1")),
                "GDPR-17-1-a", "CASE-1", "olivia", at);
        PersonErased erased = new PersonErased(patient, java.util.List.of(), java.util.List.of(SourceRecordId.of("sr-1")),
                "GDPR-17-1-a", "CASE-1", "olivia", at);
        var fixture = new AggregateTestFixture<>(MasterPatient.class);
        fixture.given(new PatientCreated(patient, SourceRecordId.of("sr-1")))
                .when(erase)
                .expectEvents(erased)
                .expectResultMessagePayload(true);
        fixture.given(new PatientCreated(patient, SourceRecordId.of("sr-1")), erased)
                .when(erase)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void refuses_to_merge_an_erased_person() {
        MasterPatientId patient = MasterPatientId.of("mp-1");
        new AggregateTestFixture<>(MasterPatient.class)
                .given(new PatientCreated(patient, SourceRecordId.of("sr-1")), new PersonErased(patient,
                        java.util.List.of(), java.util.List.of(), "GDPR-17-1-a", "CASE-1", "olivia",
                        java.time.Instant.EPOCH))
                .when(new MergePatients(patient, MasterPatientId.of("mp-2"), "steward-1", "duplicate"))
                .expectException(IdentityRuleViolation.class);
    }
}
