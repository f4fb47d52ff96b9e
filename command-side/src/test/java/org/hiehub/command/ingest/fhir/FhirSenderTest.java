package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.junit.jupiter.api.Test;

class FhirSenderTest {

    @Test
    void a_declared_sender_travels_in_the_peer_and_comes_back_out() {
        assertThat(FhirSender.declared(message(FhirSender.peer("LAB_A", "10.0.0.7")))).isEqualTo("LAB_A");
        assertThat(FhirSender.declared(message(FhirSender.peer("urn:oid:1.2.3", "::1")))).isEqualTo("urn:oid:1.2.3");
    }

    @Test
    void a_plain_network_peer_or_a_reprocessed_dead_letter_declares_no_sender() {
        assertThat(FhirSender.declared(message(FhirSender.peer(null, "10.0.0.7")))).isNull();
        assertThat(FhirSender.declared(message("dead-letter:42"))).isNull();
    }

    @Test
    void a_sender_with_spaces_or_too_long_is_not_valid() {
        assertThat(FhirSender.isValid("LAB A")).isFalse();
        assertThat(FhirSender.isValid("x".repeat(121))).isFalse();
        assertThat(FhirSender.isValid("http://hospital.example.org/fhir")).isTrue();
    }

    private static InboundMessage message(String peer) {
        return new InboundMessage(MessageFormat.FHIR_BUNDLE, "http", peer, new byte[0], Instant.now());
    }
}
