package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CDC Trusted Intermediary example: UCSD's ORU with local codes (system L), and the project's own expected
 * output, which adds the LOINC code in front of each local code it maps. After ingestion the summary must show
 * those same LOINC codes; the codes the project maps to PLT (not LOINC) stay unmapped, as sent.
 */
@HubIntegrationTest
class CdcLocalCodeMappingTest {

    static final String EXAMPLE = "hl7v2_cdc_trusted_intermediary/examples/CA/020_CA_ORU_R01_CDPH_OBX_to_LOINC_";
    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;

    @Test
    void the_ucsd_local_codes_map_to_the_loinc_codes_of_the_projects_expected_output() throws IOException {
        Path data = sharedData();
        assumeTrue(data != null, "shared/data not found");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A fresh control id and MRN per run: the corpus test may have sent the very same message already.
        String message = segments(data.resolve(EXAMPLE + "0_initial_message.hl7")).stream()
                .map(s -> s.replace("|243747623|", "|CDC-" + run + "|")
                        .replace("80009197^^^&NPI^MR", "NB-" + run + "^^^CDCTEST^MR"))
                .reduce("", (a, b) -> a + b + "\r");
        HubClient hub = new HubClient(port);
        HubClient.Response ack = hub.post("/ingest/hl7v2", "x-application/hl7-v2+er7",
                message.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=CDCTEST%7CNB-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();
        JsonNode labs = hub.get("/api/patients/" + patient + "?minPosition=" + position).json().at("/clinical/labs");

        Map<String, JsonNode> byCode = new HashMap<>();
        labs.forEach(lab -> byCode.put(lab.at("/code/code").asText(), lab));
        Map<String, String> expected = expectedMapping(data.resolve(EXAMPLE + "3_hl7_translation_final.hl7"));
        assertThat(expected).containsEntry("99717-32", "85269-9");
        expected.forEach((local, target) -> {
            if (target.startsWith("PLT")) {
                assertThat(byCode).as(local).containsKey(local);
                assertThat(byCode.get(local).at("/code/mapped").asBoolean()).isFalse();
            } else {
                assertThat(byCode).as(local + " -> " + target).containsKey(target);
                assertThat(byCode.get(target).at("/code/system").asText()).isEqualTo("http://loinc.org");
            }
        });
    }

    /** Local code → the code the project's translation put in front of it (OBX-3.1 when OBX-3.6 is L). */
    private static Map<String, String> expectedMapping(Path translated) throws IOException {
        Map<String, String> mapping = new HashMap<>();
        for (String segment : segments(translated)) {
            if (segment.startsWith("OBX|")) {
                String[] code = segment.split("\\|", -1)[3].split("\\^", -1);
                if (code.length >= 6 && "L".equals(code[5]) && !code[0].isEmpty()) {
                    mapping.put(code[3], code[0]);
                }
            }
        }
        return mapping;
    }

    private static List<String> segments(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\r\n|\r|\n")).filter(s -> !s.isBlank()).toList();
    }

    private static Path sharedData() {
        String configured = System.getenv("HUB_SHARED_DATA");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/data"))) {
                return dir.resolve("shared/data");
            }
        }
        return null;
    }
}
