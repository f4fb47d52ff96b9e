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
 * until the end-of-block byte, so one sender could make the hub buffer gigabytes. Past the ceiling this stream
 * drops the rest of the frame (reading on to its end-of-block byte), so the decoder gets the frame's head only: the
 * pipeline refuses it for its size, keeps the head as a dead letter and answers with an error ACK. It used to close
 * the connection instead, which left the sender without an answer — an MLLP sender then sends the same message
 * again, for ever, holding up its queue — and left nothing in the hub to say why.
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

    /** Passes each frame's first {@code max} bytes and its end-of-block byte; drops what lies between. */
    static final class FrameLimit extends FilterInputStream {

        private final long max;
        private long sinceEndOfBlock;
        private boolean dropping;

        FrameLimit(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            while (true) {
                int b = super.read();
                if (b < 0 || passes(b)) {
                    return b;
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (true) {
                int n = super.read(buffer, offset, length);
                if (n <= 0) {
                    return n;
                }
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[offset + i];
                    if (passes(b & 0xff)) {
                        buffer[offset + kept++] = b;
                    }
                }
                if (kept > 0) {
                    return kept;
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 8192))])); // counted like any read
        }

        private boolean passes(int b) {
            if (b == END_OF_BLOCK) {
                sinceEndOfBlock = 0;
                dropping = false;
                return true;
            }
            if (dropping) {
                return false;
            }
            if (++sinceEndOfBlock > max) {
                dropping = true;
                return false;
            }
            return true;
        }
    }
}
