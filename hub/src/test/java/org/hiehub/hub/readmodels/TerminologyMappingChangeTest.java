package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The evidence the issue asks for: a lab sends its local code GLU; the summary shows it unmapped; a new table
 * version maps it; after a rebuild of the clinical projection the summary shows LOINC 2345-7 in mmol/L.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.terminology.dir=" + TerminologyMappingChangeTest.DIR)
class TerminologyMappingChangeTest {

    static final String DIR = "target/it-terminology";
    static final String ER7 = "x-application/hl7-v2+er7";
    static final String GLU_ROW = "GLULAB@CITYLAB,L,GLU,2345-7,Glucose [Mass/volume] in Serum or Plasma\n";
    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() throws IOException {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        publish("v1", "");
        assertThat(hub.post("/api/admin/terminology/reload", "{}").json().path("version").asText()).isEqualTo("v1");
    }

    @Test
    void a_local_glucose_code_shows_unmapped_until_a_new_mapping_version_and_a_rebuild_map_it_to_loinc()
            throws Exception {
        HubClient.Response ack = hub.post("/ingest/hl7v2", ER7, oru().getBytes(StandardCharsets.UTF_8));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=CITYLAB%7CMRN-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();

        JsonNode before = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();
        JsonNode unmapped = before.at("/clinical/labs/0");
        assertThat(unmapped.at("/code/code").asText()).isEqualTo("GLU");
        assertThat(unmapped.at("/code/mapped").asBoolean()).isFalse();
        assertThat(unmapped.at("/latest/unit").asText()).isEqualTo("mg/dL");
        assertThat(before.at("/clinical/mappingVersions/0").asText()).isEqualTo("v1");

        publish("v2", GLU_ROW);
        assertThat(hub.post("/api/admin/terminology/reload", "{}").json().path("version").asText()).isEqualTo("v2");
        assertThat(hub.post("/api/admin/projections/clinical-record/rebuild", "{}").status()).isEqualTo(202);

        JsonNode mapped = awaitLab(patient, "2345-7", Duration.ofSeconds(60));
        assertThat(mapped.at("/code/system").asText()).isEqualTo("http://loinc.org");
        assertThat(mapped.at("/code/via").asText()).isEqualTo("local-code-table");
        assertThat(mapped.at("/latest/value").asDouble()).isEqualTo(10.0);
        assertThat(mapped.at("/latest/unit").asText()).isEqualTo("mmol/L");
        assertThat(mapped.at("/latest/valueAsSent").asText()).isEqualTo("180.156");
        assertThat(mapped.at("/latest/abnormal").asBoolean()).isTrue();
        JsonNode after = hub.get("/api/patients/" + patient).json();
        assertThat(after.at("/clinical/mappingVersions").toString()).isEqualTo("[\"v2\"]");
    }

    private JsonNode awaitLab(String patient, String code, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode lab : hub.get("/api/patients/" + patient).json().at("/clinical/labs")) {
                if (code.equals(lab.at("/code/code").asText())) {
                    return lab;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rebuilt summary never showed " + code);
    }

    /** A table version in the runtime directory: the shipped v1 tables, plus extra local-code rows. */
    private static void publish(String version, String extraLocalCodes) throws IOException {
        Path dir = Path.of(DIR, version);
        Files.createDirectories(dir);
        for (String table : new String[] {"code-systems.csv", "local-codes.csv", "units.csv"}) {
            try (InputStream in = TerminologyMappingChangeTest.class.getResourceAsStream("/terminology/v1/" + table)) {
                String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(table), table.equals("local-codes.csv") ? shipped + extraLocalCodes
                        : shipped);
            }
        }
        Files.writeString(Path.of(DIR, "current"), version + "\n");
    }

    private String oru() {
        return "MSH|^~\\&|GLULAB|CITYLAB|HIEHUB|HIE|20260301080000||ORU^R01^ORU_R01|GLU-" + run + "|P|2.5.1\r"
                + "PID|1||MRN-" + run + "^^^CITYLAB^MR||Glucoseton^Gina||19700101|F\r"
                + "OBR|1|PLC-" + run + "|FIL-" + run + "|GLU^Glucose^L|||20260301070000\r"
                + "OBX|1|NM|GLU^Glucose^L||180.156|mg/dL|70-99|||F|||20260301070000\r";
    }
}
