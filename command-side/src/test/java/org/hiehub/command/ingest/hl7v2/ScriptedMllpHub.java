package org.hiehub.command.ingest.hl7v2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A server that reads MLLP frames as raw bytes (start block to carriage return after the end block) and writes
 * back whatever its script answers for each, each connection on a thread of its own; it closes a connection after an
 * answer that is not a whole frame.
 */
final class ScriptedMllpHub implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Function<byte[], byte[]> script;
    private volatile int connections;

    ScriptedMllpHub(Function<byte[], byte[]> script) throws IOException {
        this.script = script;
        Thread thread = new Thread(this::serve, "scripted-hub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<byte[]> received() {
        return received;
    }

    int connections() {
        return connections;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections++;
                Thread connection = new Thread(() -> answer(socket), "scripted-hub-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                // the server was closed
            }
        }
    }

    private void answer(Socket connection) {
        try (Socket socket = connection) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (byte[] frame = readFrame(in); frame != null; frame = readFrame(in)) {
                received.add(frame);
                byte[] answer = script.apply(frame);
                out.write(answer);
                out.flush();
                if (answer.length < 2 || answer[answer.length - 2] != 0x1c) {
                    break;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            frame.write(b);
            if (previous == 0x1c && b == 0x0d) {
                return frame.toByteArray();
            }
            previous = b;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** A content framed as MLLP: start block, the bytes in ISO-8859-1, end block, carriage return. */
    static byte[] frame(String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0b);
        out.writeBytes(content.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0x1c);
        out.write(0x0d);
        return out.toByteArray();
    }

    /** MSH-10 of a received frame (its framing bytes included). */
    static String controlId(byte[] frame) {
        String content = new String(frame, 1, frame.length - 3, StandardCharsets.ISO_8859_1);
        return MshHeader.of(Hl7Text.normalise(content)).orElseThrow().controlId();
    }
}
