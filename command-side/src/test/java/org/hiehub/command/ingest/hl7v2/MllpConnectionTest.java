package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MllpConnectionTest {

    static final String MESSAGE = "MSH|^~\\&|LAB|HOSP|HUB|HIE|20260101120000||ORU^R01|CTRL-1|P|2.5\rPID|||123";
    static final String ACK = "MSH|^~\\&|HUB|HIE|LAB|HOSP|20260101120001||ACK^R01|A-1|P|2.5\rMSA|AA|CTRL-1";

    ScriptedMllpHub hub;

    @AfterEach
    void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_message_goes_out_framed_byte_for_byte_and_the_answer_comes_back_without_its_framing() throws Exception {
        hub = new ScriptedMllpHub(received -> ScriptedMllpHub.frame(ACK));
        try (MllpConnection connection = new MllpConnection("127.0.0.1", hub.port(), Duration.ofSeconds(5))) {
            String message = MESSAGE + "|Zoë";

            assertThat(connection.exchange(message)).isEqualTo(ACK);
            assertThat(connection.exchange(message)).isEqualTo(ACK);

            byte[] frame = ScriptedMllpHub.frame(message);
            assertThat(hub.received()).hasSize(2).allSatisfy(bytes -> assertThat(bytes).isEqualTo(frame));
            assertThat(hub.connections()).as("both messages on one connection").isEqualTo(1);
        }
    }

    @Test
    void an_answer_cut_off_fails_the_exchange_and_the_next_one_opens_a_new_connection() throws Exception {
        // the first answer stops after 20 bytes and the connection closes; the hub has the frame it answers already
        hub = new ScriptedMllpHub(received -> hub.received().size() == 1
                ? Arrays.copyOf(ScriptedMllpHub.frame(ACK), 20) : ScriptedMllpHub.frame(ACK));
        try (MllpConnection connection = new MllpConnection("127.0.0.1", hub.port(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> connection.exchange(MESSAGE)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("in the middle of its answer");

            assertThat(connection.exchange(MESSAGE)).isEqualTo(ACK);
            assertThat(hub.connections()).isEqualTo(2);
        }
    }

    @Test
    void an_answer_that_is_not_an_mllp_frame_is_refused_with_what_came_instead() throws Exception {
        hub = new ScriptedMllpHub(received -> "HTTP/1.1 400\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (MllpConnection connection = new MllpConnection("127.0.0.1", hub.port(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> connection.exchange(MESSAGE)).isInstanceOf(IOException.class)
                    .hasMessageContaining("start block").hasMessageContaining("0x48");
        }
    }

    @Test
    void an_end_block_without_its_carriage_return_is_refused() throws Exception {
        byte[] framed = ScriptedMllpHub.frame(ACK);
        framed[framed.length - 1] = 'X';
        hub = new ScriptedMllpHub(received -> framed);
        try (MllpConnection connection = new MllpConnection("127.0.0.1", hub.port(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> connection.exchange(MESSAGE)).isInstanceOf(IOException.class)
                    .hasMessageContaining("carriage return");
        }
    }

    @Test
    void a_hub_that_is_not_listening_shows_on_connect_before_any_message() throws Exception {
        try (RefusedPort refused = new RefusedPort();
             MllpConnection connection = new MllpConnection("127.0.0.1", refused.port(), Duration.ofSeconds(5))) {
            assertThatThrownBy(connection::connect).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void an_ack_is_read_for_its_code_and_the_control_id_it_answers_whatever_the_separators() {
        assertThat(MllpConnection.Ack.of(ACK)).contains(new MllpConnection.Ack("AA", "CTRL-1"));
        assertThat(MllpConnection.Ack.of(ACK).orElseThrow().accepted()).isTrue();
        assertThat(MllpConnection.Ack.of("MSH#^~\\&#HUB\nERR#x\nMSA#AE#C9#bad date\n"))
                .contains(new MllpConnection.Ack("AE", "C9"));
        assertThat(new MllpConnection.Ack("AE", "C9").accepted()).isFalse();
        assertThat(new MllpConnection.Ack("CA", "C9").accepted()).as("enhanced mode's commit accept").isFalse();
        assertThat(MllpConnection.Ack.of("MSH|^~\\&|HUB\rMSA|AR")).contains(new MllpConnection.Ack("AR", ""));
        assertThat(MllpConnection.Ack.of("MSH|^~\\&|HUB\rMSAX|AA|C1")).isEmpty();
        assertThat(MllpConnection.Ack.of("MSA|AA|C1")).as("no MSH").isEmpty();
        assertThat(MllpConnection.Ack.of("")).isEmpty();
    }


}
