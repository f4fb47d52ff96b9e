package org.hiehub.command.identity;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.MasterPatientId;
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
}
