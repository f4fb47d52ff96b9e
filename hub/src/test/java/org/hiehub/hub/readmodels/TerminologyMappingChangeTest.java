package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.hiehub.projections.clinical.ClinicalRecordProjection;
import org.hiehub.projections.status.ProjectionStatus;
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
    @Autowired
    ProjectionStatus status;
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

    /**
     * The summary is kept between changes of its views and keyed on their state. A rebuild in place with nothing new
     * in the log ends at the very position the view had; only its generation tells the rebuilt view from the old.
     * So no summary is read from the rebuild's start until the rebuilt view is published as caught up.
     */
    @Test
    void a_summary_kept_before_an_in_place_rebuild_is_not_served_after_it_at_the_same_position() throws Exception {
        byte[] oru = oru("Keptsummary^Kira", "19651224").getBytes(StandardCharsets.UTF_8);
        assertThat(hub.post("/ingest/hl7v2", ER7, oru).status()).isEqualTo(200);
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=CITYLAB%7CMRN-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();
        JsonNode kept = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();
        assertThat(kept.at("/clinical/labs/0/code/code").asText()).isEqualTo("GLU");
        assertThat(hub.get("/api/patients/" + patient).json()).isEqualTo(kept);

        publish("v2", GLU_ROW);
        assertThat(hub.post("/api/admin/terminology/reload", "{}").json().path("version").asText()).isEqualTo("v2");
        assertThat(hub.post("/api/admin/projections/clinical-record/rebuild", "{}").status()).isEqualTo(202);
        // "replaying" stays true until an event past the reset point arrives, so this is the rebuilt view
        await().atMost(Duration.ofSeconds(60)).until(() -> status.all().stream()
                .filter(s -> ClinicalRecordProjection.GROUP.equals(s.getString("processor")))
                .allMatch(s -> s.getBoolean("replaying", false) && s.getBoolean("caughtUp", false)));
        assertThat(positions.head()).as("nothing else was written meanwhile").isEqualTo(position);

        JsonNode mapped = awaitLab(patient, "2345-7", Duration.ofSeconds(10));
        assertThat(mapped.at("/latest/unit").asText()).isEqualTo("mmol/L");
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
        return oru("Glucoseton^Gina", "19700101");
    }

    /** Each test its own person: the same name and birth date would link the two records to one patient. */
    private String oru(String name, String birthDate) {
        return "MSH|^~\\&|GLULAB|CITYLAB|HIEHUB|HIE|20260301080000||ORU^R01^ORU_R01|GLU-" + run + "|P|2.5.1\r"
                + "PID|1||MRN-" + run + "^^^CITYLAB^MR||" + name + "||" + birthDate + "|F\r"
                + "OBR|1|PLC-" + run + "|FIL-" + run + "|GLU^Glucose^L|||20260301070000\r"
                + "OBX|1|NM|GLU^Glucose^L||180.156|mg/dL|70-99|||F|||20260301070000\r";
    }
}
