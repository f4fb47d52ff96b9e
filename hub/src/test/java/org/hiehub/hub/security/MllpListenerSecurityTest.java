package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MLLP listener over TLS, taking messages only from the senders it is configured with. */
@HubIntegrationTest
class MllpListenerSecurityTest {

    static final String PASSWORD = "changeit";
    static Path keyStore;

    @Autowired
    MllpListener listener;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void tlsAndSenders(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/it-data/mllp-tls-" + UUID.randomUUID()));
        keyStore = dir.resolve("listener.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        registry.add("hub.mllp.tls.enabled", () -> "true");
        registry.add("hub.mllp.tls.key-store", keyStore::toString);
        registry.add("hub.mllp.tls.key-store-password", () -> PASSWORD);
        registry.add("hub.mllp.allowed-senders", () -> "GOOD_LAB^GOOD_FAC,^TRUSTED_HOSPITAL");
    }

    @Test
    void an_allowed_sender_over_tls_is_acknowledged_and_stored() throws Exception {
        String control = "TLS-" + UUID.randomUUID().toString().substring(0, 8);
        String ack = sendOverTls(adt("GOOD_LAB", "GOOD_FAC", control));
        assertThat(ack).contains("MSA|AA|" + control);
        assertThat(storedMessagesWithControlId(control)).isEqualTo(1);

        String other = "TLS-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(sendOverTls(adt("ANY_APP", "TRUSTED_HOSPITAL", other))).contains("MSA|AA|" + other);
    }

    @Test
    void an_unknown_sender_gets_an_application_reject_and_nothing_is_stored() throws Exception {
        String control = "TLS-" + UUID.randomUUID().toString().substring(0, 8);
        long deadLetters = jdbc.queryForObject("select count(*) from dead_letter", Long.class);
        String ack = sendOverTls(adt("ROGUE", "GOOD_FAC", control));
        assertThat(ack).contains("MSA|AR|" + control).contains("ERR|").contains("207")
                .contains("not authorized");
        assertThat(storedMessagesWithControlId(control)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Long.class)).isEqualTo(deadLetters);
    }

    @Test
    void a_plain_tcp_sender_gets_no_acknowledgement_from_a_tls_listener() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", listener.port())) {
            plain.setSoTimeout(5_000);
            write(plain.getOutputStream(), adt("GOOD_LAB", "GOOD_FAC", "PLAIN-1"));
            assertThatThrownBy(() -> {
                int b = plain.getInputStream().read();
                // a TLS server answers plaintext with a TLS alert record or by closing; never with an MLLP frame
                assertThat(b).isNotEqualTo(0x0b);
                throw new IOException("no MLLP answer");
            }).isInstanceOf(IOException.class);
        }
    }

    private long storedMessagesWithControlId(String control) {
        return jdbc.queryForObject("select count(*) from raw_message where control_id = ?", Long.class, control);
    }

    private String sendOverTls(String message) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(30_000);
            write(socket.getOutputStream(), message);
            return read(socket.getInputStream());
        }
    }

    private static void write(OutputStream out, String message) throws IOException {
        out.write(0x0b);
        out.write(message.getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[] {0x1c, 0x0d});
        out.flush();
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b = in.read();
        assertThat(b).isEqualTo(0x0b);
        while ((b = in.read()) != 0x1c && b >= 0) {
            frame.write(b);
        }
        return frame.toString(StandardCharsets.ISO_8859_1);
    }

    private static String adt(String application, String facility, String control) {
        String mrn = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
        return "MSH|^~\\&|" + application + "|" + facility + "|HUB|HUB|20260101120000||ADT^A04^ADT_A01|" + control
                + "|P|2.5.1\r"
                + "EVN|A04|20260101120000\r"
                + "PID|1||" + mrn + "^^^" + facility + "^MR||Tlsington^Ada||19700101|F\r"
                + "PV1|1|O\r";
    }
}
