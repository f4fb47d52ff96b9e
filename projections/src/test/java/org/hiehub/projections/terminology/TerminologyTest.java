package org.hiehub.projections.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyTest {

    final Terminology terminology = new Terminology(TerminologySource.classpath());

    @Test
    void hl7_and_fhir_spellings_of_loinc_normalise_to_the_loinc_uri() {
        NormalisedCode hl7 = terminology.normalise("LAB", Concept.of("LN", "2345-7", "Glucose"));
        NormalisedCode fhir = terminology.normalise("EHR", Concept.of("http://loinc.org", "2345-7", null));

        assertThat(hl7.system()).isEqualTo("http://loinc.org");
        assertThat(hl7.mapped()).isTrue();
        assertThat(fhir.key()).isEqualTo(hl7.key());
        assertThat(terminology.canonicalSystem("SNOMEDCT")).isEqualTo("http://snomed.info/sct");
        assertThat(terminology.canonicalSystem("RXNORM")).isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
    }

    @Test
    void the_cdc_trusted_intermediary_local_code_maps_to_loinc_for_its_source_only() {
        Concept local = Concept.of("L", "99717-32", "Adrenoleukodystrophy deficiency newborn screening interpretation");

        NormalisedCode mapped = terminology.normalise("SISGDSP@SISGDSP", local);
        NormalisedCode elsewhere = terminology.normalise("OTHER@LAB", local);

        assertThat(mapped.code()).isEqualTo("85269-9");
        assertThat(mapped.via()).isEqualTo(NormalisedCode.LOCAL_TABLE);
        assertThat(elsewhere.mapped()).isFalse();
        assertThat(elsewhere.code()).isEqualTo("99717-32");
        assertThat(elsewhere.system()).isEqualTo("L");
    }

    @Test
    void a_loinc_alternate_coding_wins_over_the_local_first_coding() {
        Concept both = new Concept(List.of(new Coding("L", "GLU", "Glucose"), new Coding("LN", "2345-7", null)), null);
        assertThat(terminology.normalise("LAB", both).code()).isEqualTo("2345-7");
    }

    @Test
    void a_problem_coded_in_icd10_and_snomed_keeps_the_first_known_system_and_counts_as_mapped() {
        Concept problem = new Concept(List.of(new Coding("99LOCAL", "DM2", "Diabetes"),
                new Coding("I10", "E11.9", "Type 2 diabetes"), new Coding("SCT", "44054006", null)), null);

        NormalisedCode code = terminology.canonical(problem);

        assertThat(code.system()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
        assertThat(code.code()).isEqualTo("E11.9");
        assertThat(code.mapped()).isTrue();
        assertThat(terminology.canonical(Concept.of("99LOCAL", "DM2", "Diabetes")).mapped()).isFalse();
    }

    @Test
    void pounds_fahrenheit_and_inches_convert_to_ucum_canonical_units() {
        assertThat(terminology.toCanonical("29463-7", quantity("150", "lb"))).isEqualTo(
                new CanonicalValue(new BigDecimal("68.0389"), "kg", true));
        assertThat(terminology.toCanonical("8310-5", quantity("98.6", "[degF]")).value())
                .isEqualByComparingTo("37");
        assertThat(terminology.toCanonical("8302-2", quantity("70", "in")).value()).isEqualByComparingTo("177.8");
    }

    @Test
    void glucose_in_mg_per_dl_converts_to_mmol_per_l_but_other_mg_per_dl_values_stay() {
        CanonicalValue glucose = terminology.toCanonical("2345-7", quantity("180.156", "mg/dL"));
        CanonicalValue cholesterol = terminology.toCanonical("2093-3", quantity("180", "mg/dL"));

        assertThat(glucose.value()).isEqualByComparingTo("10");
        assertThat(glucose.unit()).isEqualTo("mmol/L");
        assertThat(cholesterol).isEqualTo(new CanonicalValue(new BigDecimal("180"), "mg/dL", false));
    }

    @Test
    void a_new_version_in_the_terminology_directory_is_used_after_a_reload(@TempDir Path dir) throws IOException {
        Terminology fromDir = new Terminology(TerminologySource.directory(dir.toString()));
        assertThat(fromDir.version()).isEqualTo("v2"); // the shipped version, until the directory has one
        assertThat(fromDir.normalise("LAB", Concept.of("L", "GLU", "Glucose")).mapped()).isFalse();

        Files.createDirectories(dir.resolve("v3"));
        Files.writeString(dir.resolve("v3/code-systems.csv"), "alias,system\nLN,http://loinc.org\n");
        Files.writeString(dir.resolve("v3/local-codes.csv"),
                "source_system,local_system,local_code,loinc,display\nLAB,L,GLU,2345-7,Glucose\n");
        Files.writeString(dir.resolve("v3/units.csv"), "unit_as_sent,canonical_unit,multiply,add_before,loinc\n");
        Files.writeString(dir.resolve("current"), "v3\n");

        assertThat(fromDir.reload()).isEqualTo("v3");
        assertThat(fromDir.normalise("LAB", Concept.of("L", "GLU", "Glucose")).code()).isEqualTo("2345-7");
    }

    private static Measurement quantity(String value, String unit) {
        return new Measurement(value, new BigDecimal(value), null, unit, null, null);
    }
}
