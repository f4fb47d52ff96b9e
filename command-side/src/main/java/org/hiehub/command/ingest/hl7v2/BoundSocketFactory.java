package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.util.StandardSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;

/**
 * HAPI's {@code SimpleServer} always binds the wildcard address ({@code new InetSocketAddress(port)}); this
 * factory hands it a server socket that binds to the configured address instead, and remembers the socket so
 * the port actually bound (when 0 asked for any free one) can be read back.
 */
final class BoundSocketFactory extends StandardSocketFactory {

    private final InetAddress bindAddress;
    private volatile ServerSocket bound;

    BoundSocketFactory(InetAddress bindAddress, int idleTimeoutMillis) {
        this.bindAddress = bindAddress;
        setAcceptedSocketTimeout(idleTimeoutMillis);
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        ServerSocket socket = new ServerSocket() {
            @Override
            public void bind(SocketAddress endpoint, int backlog) throws IOException {
                int port = endpoint instanceof InetSocketAddress address ? address.getPort() : 0;
                super.bind(new InetSocketAddress(bindAddress, port), backlog);
            }
        };
        socket.setReuseAddress(true);
        bound = socket;
        return socket;
    }

    @Override
    public ServerSocket createTlsServerSocket() {
        throw new UnsupportedOperationException("MLLP over TLS is not configured");
    }

    /** The bound port, or -1 before the server socket is bound. */
    int boundPort() {
        ServerSocket socket = bound;
        return socket == null || !socket.isBound() ? -1 : socket.getLocalPort();
    }
}
