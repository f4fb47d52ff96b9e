package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.llp.HL7Reader;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Minimal LLP with a ceiling on the frame size. HAPI's MLLP decoder collects a frame in an unbounded byte array
 * until the end-of-block byte, so one sender could make the hub buffer gigabytes; this stream counts the bytes
 * since the last end-of-block and fails the read past the limit, which makes HAPI close that connection. The
 * sender gets no ACK for such a frame (it was never read whole) and nothing of it is stored.
 * <p>
 * Frames are decoded as ISO-8859-1, which maps every byte to one char, so the ingestion pipeline gets the
 * original bytes back and decides the character set itself (UTF-8 or Latin-1).
 */
final class BoundedLowerLayerProtocol extends MinLowerLayerProtocol {

    private static final int END_OF_BLOCK = 0x1c;
    /** Start and end bytes plus a trailing carriage return around the message itself. */
    private static final int FRAMING = 8;
    private final long maxFrameBytes;

    BoundedLowerLayerProtocol(long maxMessageBytes) {
        super(false);
        this.maxFrameBytes = maxMessageBytes + FRAMING;
        setCharset(StandardCharsets.ISO_8859_1);
    }

    @Override
    public HL7Reader getReader(InputStream in) throws LLPException {
        return super.getReader(new FrameLimit(in, maxFrameBytes));
    }

    static final class FrameLimit extends FilterInputStream {

        private final long max;
        private long sinceEndOfBlock;

        FrameLimit(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i] & 0xff);
            }
            return n;
        }

        private void count(int b) throws IOException {
            if (b == END_OF_BLOCK) {
                sinceEndOfBlock = 0;
            } else if (++sinceEndOfBlock > max) {
                throw new IOException("MLLP frame exceeds " + max + " bytes; closing the connection");
            }
        }
    }
}
