package org.hiehub.command.ingest.hl7v2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port held bound but never listening, so a connection to it is refused for as long as it is held. A port
 * merely closed again is not that: another server may take it, and a client may even connect to itself on it.
 */
final class RefusedPort implements AutoCloseable {

    private final Socket socket = new Socket();

    RefusedPort() throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
