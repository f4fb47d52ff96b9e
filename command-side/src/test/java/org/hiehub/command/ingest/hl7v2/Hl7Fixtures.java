package org.hiehub.command.ingest.hl7v2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;

/** Fixture files and hand-written messages as the pipeline receives them. */
final class Hl7Fixtures {

    private Hl7Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Hl7Fixtures.class.getResourceAsStream("/hl7v2/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InboundMessage inbound(byte[] payload) {
        return new InboundMessage(MessageFormat.HL7V2, "test", "test", payload, Instant.parse("2026-11-22T12:00:00Z"));
    }

    static InboundMessage fixture(String resource) {
        return inbound(bytes(resource));
    }

    /** Segments written one per line in the test, sent with CR as the standard says. */
    static InboundMessage message(String... segments) {
        return inbound(String.join("\r", segments).getBytes(StandardCharsets.UTF_8));
    }

    static long segmentCount(byte[] payload, String name) {
        String text = Hl7Text.normalise(Hl7Text.decode(payload));
        return Arrays.stream(text.split("\r")).filter(s -> s.startsWith(name + "|")).count();
    }
}
