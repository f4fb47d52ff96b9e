package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FrameLimitTest {

    /** A frame of 30 bytes, then one of 5: start block, content, end block, carriage return each. */
    static final byte[] WIRE = concat(frame("A".repeat(30)), frame("short"));

    @Test
    void a_frame_past_the_limit_reaches_the_reader_as_its_head_and_end_and_the_next_frame_whole() throws IOException {
        byte[] expected = concat(frame("A".repeat(9)), frame("short")); // the start byte counts: 10 in all

        assertThat(readAll(new BoundedLowerLayerProtocol.FrameLimit(new ByteArrayInputStream(WIRE), 10), 7))
                .isEqualTo(expected);
        assertThat(readOneByOne(new BoundedLowerLayerProtocol.FrameLimit(new ByteArrayInputStream(WIRE), 10)))
                .isEqualTo(expected);
    }

    @Test
    void frames_within_the_limit_pass_unchanged() throws IOException {
        assertThat(readAll(new BoundedLowerLayerProtocol.FrameLimit(new ByteArrayInputStream(WIRE), 100), 4))
                .isEqualTo(WIRE);
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        for (int n = in.read(buffer, 0, chunk); n >= 0; n = in.read(buffer, 0, chunk)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] readOneByOne(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] frame(String content) {
        return concat(new byte[] {0x0b}, content.getBytes(), new byte[] {0x1c, 0x0d});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
