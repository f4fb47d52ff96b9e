package org.hiehub.command.identity;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MergePatients;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.SourceRecordId;
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
}
