package org.hiehub.query.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class LaceTest {

    static final Instant ADMIT = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void a_five_day_stay_through_the_ed_with_three_comorbidities_and_two_earlier_ed_visits_is_high_risk() {
        Document stay = encounter("inpatient", ADMIT, Instant.parse("2026-03-15T12:00:00Z"));
        List<Document> encounters = List.of(stay,
                encounter("emergency", ADMIT.minusSeconds(3 * 3600), ADMIT.minusSeconds(3600)),
                encounter("emergency", Instant.parse("2026-01-05T10:00:00Z"), null),
                encounter("EMER", Instant.parse("2025-12-20T10:00:00Z"), null),
                encounter("emergency", Instant.parse("2025-06-01T10:00:00Z"), null));
        List<Document> problems = List.of(snomed("42343007"), snomed("44054006"), snomed("13645005"));

        Document lace = Lace.score(stay, encounters, problems, null);

        assertThat(lace.get("components", Document.class)).isEqualTo(new Document("L", 4).append("A", 3)
                .append("C", 3).append("E", 2));
        assertThat(lace.getInteger("score")).isEqualTo(12);
        assertThat(lace.getString("risk")).isEqualTo("high");
    }

    @Test
    void an_ongoing_elective_stay_without_comorbidities_is_measured_to_the_time_asked_and_low_risk() {
        Document stay = encounter("inpatient", ADMIT, null);

        Document lace = Lace.score(stay, List.of(stay), List.of(), ADMIT.plusSeconds(2 * 86400 + 60));

        assertThat(lace.getInteger("score")).isEqualTo(2);
        assertThat(lace.getBoolean("ongoing")).isTrue();
        assertThat(lace.getString("risk")).isEqualTo("low");
    }

    @Test
    void a_graver_form_of_a_comorbidity_replaces_the_milder_and_four_points_or_more_count_five() {
        List<Document> problems = List.of(snomed("44054006"), snomed("127013003"), snomed("46177005"),
                new Document("code", new Document("system", "http://hl7.org/fhir/sid/icd-10-cm")
                        .append("code", "C78.0")));

        assertThat(Charlson.categories(problems)).containsOnlyKeys("diabetes with end-organ damage", "renal disease",
                "metastatic solid tumour");
        Document lace = Lace.score(encounter("inpatient", ADMIT, ADMIT.plusSeconds(3600)), List.of(), problems, null);
        assertThat(lace.getInteger("charlsonIndex")).isEqualTo(10);
        assertThat(lace.get("components", Document.class).getInteger("C")).isEqualTo(5);
    }

    private static Document encounter(String encounterClass, Instant start, Instant end) {
        return new Document("encounterClass", encounterClass).append("startT", start.toEpochMilli())
                .append("start", start.toString()).append("end", end == null ? null : end.toString());
    }

    private static Document snomed(String code) {
        return new Document("code", new Document("system", "http://snomed.info/sct").append("code", code));
    }
}
