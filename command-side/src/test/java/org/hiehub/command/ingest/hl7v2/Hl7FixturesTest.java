package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.bytes;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.fixture;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.inbound;

import java.nio.charset.StandardCharsets;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Hl7FixturesTest {

    final Hl7v2Parser parser = new Hl7v2Parser();

    @ParameterizedTest
    @ValueSource(strings = {"fhir-converter/ORU-R01-01.hl7", "fhir-converter/ORU-R01-RMGEAD.hl7",
            "fhir-converter/LRI_2.0-NG_CBC_Typ_Message.hl7", "fhir-converter/LAB-ORU-1.hl7",
            "cdc-trusted-intermediary/005_CA_ORU_R01_CDPH_generated_0_initial_message.hl7",
            "cdc-trusted-intermediary/002_AL_ORU_R01_NBS_Fully_Populated_3_hl7_translation_final.hl7",
            "cdc-trusted-intermediary/020_CA_ORU_R01_CDPH_OBX_to_LOINC_0_initial_message.hl7"})
    void a_lab_result_yields_one_observation_per_obx_segment(String file) throws RejectedInput {
        ParsedMessage parsed = parser.parse(fixture(file));

        assertThat(parsed.messageType()).isEqualTo("ORU^R01");
        assertThat(parsed.factCount()).isEqualTo(Hl7Fixtures.segmentCount(bytes(file), "OBX"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fhir-converter/ADT01-23.hl7", "fhir-converter/ADT04-23.hl7",
            "fhir-converter/ADT-A40-01.hl7", "cdc-trusted-intermediary/005_MN_ADT_A01.hl7"})
    void admissions_and_merges_from_other_vendors_are_read(String file) throws RejectedInput {
        ParsedMessage parsed = parser.parse(fixture(file));

        assertThat(parsed.patients()).isNotEmpty().allSatisfy(p -> assertThat(p.localId()).isNotBlank());
    }

    @Test
    void the_a40_fixture_names_a_retired_record() throws RejectedInput {
        assertThat(parser.parse(fixture("fhir-converter/ADT-A40-01.hl7")).merges()).singleElement()
                .satisfies(m -> assertThat(m.retiredLocalId()).isNotBlank());
    }

    @Test
    void a_whole_registration_feed_is_read_message_by_message() throws RejectedInput {
        String feed = new String(bytes("mirth-connect/TestADT.txt"), StandardCharsets.ISO_8859_1);
        int read = 0;
        for (String message : Hl7Batch.split(feed).messages()) {
            ParsedMessage parsed = parser.parse(inbound(message.getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(parsed.patients()).hasSize(1);
            read++;
        }
        assertThat(read).isEqualTo(124);
    }

    @Test
    void a_malformed_header_is_refused_not_crashed_on() {
        for (String file : new String[] {"cdc-trusted-intermediary/empty.hl7",
                "cdc-trusted-intermediary/msh_present_but_missing_all_fields.hl7",
                "cdc-trusted-intermediary/msh_present_but_missing_msh-2.hl7",
                "cdc-trusted-intermediary/msh_present_but_missing_msh-9.hl7"}) {
            assertThatThrownBy(() -> parser.parse(fixture(file))).as(file).isInstanceOf(RejectedInput.class);
        }
    }
}
