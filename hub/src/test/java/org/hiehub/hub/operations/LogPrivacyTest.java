package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hiehub.command.ingest.hl7v2.MllpConnection;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An ingest run of HL7 v2 (MLLP and HTTP, accepted and refused) and a FHIR bundle, logged as production would in
 * JSON (ECS) with the hub's own loggers and HAPI HL7 v2's at DEBUG: no name, identifier or birth date of the people
 * in it appears in the log, and the log lines of a request — including the projections' — carry its correlation id.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    MllpListener mllp;
    final HttpClient http = HttpClient.newHttpClient();
    /**
     * Every event logged anywhere during the test, rendered by Spring Boot's ECS encoder exactly as
     * {@code logging.structured.format.console=ecs} prints it. Attached here rather than configured, because the
     * logging system is set up once per test JVM by whichever context starts first.
     */
    final EcsCapture ecs = new EcsCapture();

    @BeforeEach
    void captureAtDebug() {
        ecs.start();
    }

    @AfterEach
    void stopCapture() {
        ecs.stop();
    }

    @Test
    void an_ingest_run_logs_no_names_identifiers_or_birth_dates_and_tags_lines_with_the_correlation_id(
            CapturedOutput output) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> personal = new ArrayList<>();

        String family1 = TestPeople.family();
        String given1 = TestPeople.family();
        String birth1 = TestPeople.birthDate();
        String mrn1 = "MRN" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        personal.addAll(List.of(family1, given1, birth1, birth1.replace("-", ""), mrn1));
        String ack = sendMllp(adt("MLLP-" + run, family1, given1, birth1.replace("-", ""), mrn1));
        assertThat(ack).contains("MSA|AA");

        String family2 = TestPeople.family();
        String mrn2 = "MRN" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        personal.addAll(List.of(family2, mrn2));
        // 31 February: refused and dead-lettered, with a reason that must not quote the value
        HttpResponse<String> refused = post("/ingest/hl7v2", "text/plain", "corr-refused-" + run,
                adt("BAD-" + run, family2, "Zed", "20230231", mrn2));
        assertThat(refused.body()).contains("MSA|AE");

        String family4 = TestPeople.family();
        String mrn4 = "MRN" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        personal.addAll(List.of(family4, mrn4));
        // a response nobody asked for (MSA-2 valued): HAPI logged such frames whole at INFO and dropped them
        String unsolicited = sendMllp("MSH|^~\\&|ADT1|LOGTEST|HIEHUB|HIE|20261122120000||ACK^A01^ACK|ACK-" + run
                + "|P|2.5.1\rMSA|AA|X-" + run + "\rPID|1||" + mrn4 + "^^^LOGTEST^MR||" + family4 + "^Ann\r");
        assertThat(unsolicited).contains("MSA|AR");

        String family3 = TestPeople.family();
        String given3 = TestPeople.family();
        String birth3 = TestPeople.birthDate();
        String ssn = "999-" + ThreadLocalRandom.current().nextInt(10, 99) + "-"
                + ThreadLocalRandom.current().nextInt(1000, 9999);
        String patientId = UUID.randomUUID().toString();
        personal.addAll(List.of(family3, given3, birth3, ssn, patientId));
        HttpResponse<String> fhir = post("/fhir", "application/fhir+json", "corr-fhir-" + run,
                bundle(family3, given3, birth3, ssn, patientId));
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ecs.lines()).anySatisfy(line -> {
            assertThat(line.path("correlationId").asText()).isEqualTo("corr-fhir-" + run);
            assertThat(line.path("message").asText()).startsWith("patient-summary handles");
        }));
        assertThat(ecs.lines()).anySatisfy(line -> {
            assertThat(line.path("correlationId").asText()).isEqualTo("corr-refused-" + run);
            assertThat(line.path("message").asText()).startsWith("Rejected a HL7V2 message");
        });
        assertThat(ecs.lines()).anySatisfy(line ->
                assertThat(line.path("correlationId").asText()).startsWith("hl7-"));
        String log = ecs.text() + output.getAll();
        assertThat(personal).allSatisfy(value -> assertThat(log).as("the log holds personal data")
                .doesNotContain(value));
    }

    private HttpResponse<String> post(String path, String contentType, String correlationId, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).header("X-Correlation-Id", correlationId)
                .header("Authorization", "Bearer " + TestTokens.allRoles())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sendMllp(String message) throws IOException {
        try (MllpConnection connection = new MllpConnection("127.0.0.1", mllp.port(), Duration.ofSeconds(30))) {
            return connection.exchange(message);
        }
    }

    private static String adt(String control, String family, String given, String birthDate, String mrn) {
        return "MSH|^~\\&|ADT1|LOGTEST|HIEHUB|HIE|20261122120000||ADT^A04^ADT_A01|" + control + "|P|2.5.1\r"
                + "EVN|A04|20261122120000\r"
                + "PID|1||" + mrn + "^^^LOGTEST^MR||" + family + "^" + given + "||" + birthDate + "|F|||"
                + "12 Quiet Lane^^Springfield^IL^62701^USA^H\r";
    }

    private String bundle(String family, String given, String birthDate, String ssn, String patientId)
            throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("d49945ce-9f8c-4974-80e3-0b38054dd45d", patientId).replace("999-79-2897", ssn)
                    .replace("Gutmann", family).replace("Desmond", given).replace("1984-01-04", birthDate);
        }
    }

    /** A Logback appender on the root logger, org.hiehub at DEBUG, encoding each event with Boot's ECS encoder. */
    static final class EcsCapture extends AppenderBase<ILoggingEvent> {
        private final StringBuffer text = new StringBuffer();
        private final StructuredLogEncoder encoder = new StructuredLogEncoder();
        private Level previous;
        private Level previousHapi;

        @Override
        public void start() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            encoder.setContext(context);
            encoder.setFormat("ecs");
            encoder.start();
            setContext(context);
            super.start();
            Logger hub = context.getLogger("org.hiehub");
            previous = hub.getLevel();
            hub.setLevel(Level.DEBUG);
            // HAPI too, as an operator chasing a connection problem would set it (its loggers that print whole
            // messages are switched off by name in application.yml, which this does not override)
            Logger hapi = context.getLogger("ca.uhn.hl7v2");
            previousHapi = hapi.getLevel();
            hapi.setLevel(Level.DEBUG);
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        }

        @Override
        public void stop() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
            context.getLogger("org.hiehub").setLevel(previous);
            context.getLogger("ca.uhn.hl7v2").setLevel(previousHapi);
            super.stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            text.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }

        String text() {
            return text.toString();
        }

        List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }
}
