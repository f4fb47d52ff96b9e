package org.hiehub.projections.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.junit.jupiter.api.Test;

class ImmunizationDosesTest {

    @Test
    void a_dose_is_known_by_its_record_id_and_by_the_vaccine_as_sent_on_the_day_given() {
        Document identity = ImmunizationDoses.identity(dose("completed", "IZ-1"));

        assertThat(identity).isEqualTo(new Document("id", "IZ-1").append("on", "CVX|141@2026-10-15"));
        assertThat(ImmunizationDoses.identity(new ImmunizationRecorded(ClinicalFixtures.RECORD, "f", "m",
                new Concept(List.of(), "flu shot"), "completed", null, null, null)))
                .as("no code, no date: nothing to name it by but an id").isEqualTo(new Document("id", null)
                        .append("on", null));
    }

    @Test
    void a_withdrawal_names_by_record_id_when_both_have_one_else_by_vaccine_and_day() {
        Document withId = ImmunizationDoses.identity(dose("entered-in-error", "IZ-1"));
        Document withoutId = ImmunizationDoses.identity(dose("entered-in-error", null));

        assertThat(ImmunizationDoses.names(withId, ImmunizationDoses.identity(dose("completed", "IZ-1")))).isTrue();
        assertThat(ImmunizationDoses.names(withId, ImmunizationDoses.identity(dose("completed", "IZ-2"))))
                .as("another record given the same vaccine that day").isFalse();
        assertThat(ImmunizationDoses.names(withoutId, ImmunizationDoses.identity(dose("completed", "IZ-2"))))
                .as("a withdrawal without an id: by vaccine and day").isTrue();
        assertThat(ImmunizationDoses.names(withId, ImmunizationDoses.identity(dose("completed", null)))).isTrue();
        assertThat(ImmunizationDoses.names(withId, null)).as("an entry stored before identities").isFalse();
        Document nothingKnown = new Document("id", null).append("on", null); // no id, vaccine or day sent
        assertThat(ImmunizationDoses.names(nothingKnown, new Document("id", null).append("on", null)))
                .as("a withdrawal naming nothing withdraws nothing, not every dose as vague as itself").isFalse();
        assertThat(ImmunizationDoses.withdrawal("Entered-In-Error")).isTrue();
        assertThat(ImmunizationDoses.withdrawal("not-done")).isFalse();
    }

    private static ImmunizationRecorded dose(String status, String recordId) {
        return ClinicalFixtures.influenzaDose("f", status, Instant.parse("2026-10-15T09:00:00Z"), recordId);
    }
}
