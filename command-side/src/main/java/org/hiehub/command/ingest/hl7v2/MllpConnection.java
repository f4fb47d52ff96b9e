package org.hiehub.command.ingest.hl7v2;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sender's side of one MLLP connection, for the benchmark and soak commands: frames a message as it is (start block
 * 0x0B, the bytes in ISO-8859-1, end block 0x1C 0x0D), waits for the answering frame and returns its text. Neither
 * side of a message is parsed: a load generator that runs on the hub's own cores must cost little next to the hub it
 * measures (HAPI's initiator parsed and encoded every message and ACK: 1.2 ms of the client's CPU per message on
 * this machine against 0.6 ms, and twice the JIT warm-up). The connection opens on first use or {@link #connect};
 * after any failure it is closed and the next exchange opens a new one, as a sender would reconnect. Not
 * thread-safe: one per sending thread.
 */
public final class MllpConnection implements AutoCloseable {

    private static final int START_BLOCK = 0x0B;
    private static final int END_BLOCK = 0x1C;
    private static final int CARRIAGE_RETURN = 0x0D;
    private static final int MAX_ACK_BYTES = 1 << 20;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public MllpConnection(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** Sends one message and answers the text of the frame that comes back, without its framing bytes. */
    public String exchange(String message) throws IOException {
        try {
            connect();
            out.write(START_BLOCK);
            out.write(message.getBytes(StandardCharsets.ISO_8859_1));
            out.write(END_BLOCK);
            out.write(CARRIAGE_RETURN);
            out.flush();
            return readFrame();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the connection now if it is not open, so that a hub that is not listening shows before any message. */
    public void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket opened = new Socket();
        try {
            opened.connect(new InetSocketAddress(host, port), timeoutMillis);
            opened.setSoTimeout(timeoutMillis);
            opened.setTcpNoDelay(true);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream());
        out = new BufferedOutputStream(opened.getOutputStream());
    }

    private String readFrame() throws IOException {
        int first = in.read();
        if (first != START_BLOCK) {
            throw new IOException(first == -1 ? "the hub closed the connection instead of answering"
                    : "the answer did not start with an MLLP start block (0x0B) but with 0x"
                    + Integer.toHexString(first));
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        for (int b = in.read(); b != END_BLOCK; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the hub closed the connection in the middle of its answer");
            }
            if (frame.size() == MAX_ACK_BYTES) {
                throw new IOException("the answer ran past " + MAX_ACK_BYTES + " bytes without an end block");
            }
            frame.write(b);
        }
        int last = in.read();
        if (last != CARRIAGE_RETURN) {
            throw new IOException("the answer's end block (0x1C) was not followed by a carriage return (0x0D)");
        }
        return frame.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        Socket open = socket;
        socket = null;
        in = null;
        out = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing a connection that has already failed
            }
        }
    }

    /**
     * What an acknowledgement says: MSA-1 (AA, AE, AR, or the CA/CE/CR of enhanced mode) and MSA-2, the control id
     * of the message it answers. Empty when the text has no MSH or no MSA segment.
     */
    public record Ack(String code, String controlId) {

        /** AA: the receiver took the message (for the hub: its facts are stored). */
        public boolean accepted() {
            return "AA".equals(code);
        }

        public static Optional<Ack> of(String text) {
            String normalised = Hl7Text.normalise(text);
            if (!normalised.startsWith("MSH") || normalised.length() < 4) {
                return Optional.empty();
            }
            String separator = String.valueOf(normalised.charAt(3));
            for (String segment : normalised.split("\r")) {
                if (segment.startsWith("MSA" + separator)) {
                    String[] fields = segment.split(Pattern.quote(separator), -1);
                    return Optional.of(new Ack(fields.length > 1 ? fields[1] : "",
                            fields.length > 2 ? fields[2] : ""));
                }
            }
            return Optional.empty();
        }
    }
}
