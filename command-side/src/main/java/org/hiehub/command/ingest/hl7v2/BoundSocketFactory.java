package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.util.StandardSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's {@code SimpleServer} always binds the wildcard address ({@code new InetSocketAddress(port)}); this
 * factory hands it a server socket that binds to the configured address instead, and remembers the socket so
 * the port actually bound (when 0 asked for any free one) can be read back. It also caps the connections open at
 * once: HAPI gives every connection a thread of its own, from an unbounded pool, so a sender that leaked
 * connections (or anyone who can reach the port) could open threads until the process could make no more. A
 * connection over the cap is closed as soon as it is accepted, and the sender tries again later, as MLLP senders do.
 */
final class BoundSocketFactory extends StandardSocketFactory {

    private static final Logger log = LoggerFactory.getLogger(BoundSocketFactory.class);
    private final InetAddress bindAddress;
    private final SSLContext tls;
    private final boolean clientAuth;
    private final int maxConnections;
    /** Accepted connections; HAPI closes each when its sender goes away or stays idle too long. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket bound;

    /** @param tls when not {@code null}, every accepted connection is wrapped in TLS (server side) */
    BoundSocketFactory(InetAddress bindAddress, int idleTimeoutMillis, SSLContext tls, boolean clientAuth,
                       int maxConnections) {
        this.bindAddress = bindAddress;
        this.tls = tls;
        this.clientAuth = clientAuth;
        this.maxConnections = maxConnections;
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

            @Override
            public Socket accept() throws IOException {
                while (true) {
                    Socket plain = super.accept();
                    if (admitted(plain)) {
                        return tls == null ? plain : secure(plain);
                    }
                    log.warn("MLLP refused a connection from {}: {} connections are open (hub.mllp.max-connections)",
                            plain.getInetAddress().getHostAddress(), maxConnections);
                    plain.close();
                }
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

    private boolean admitted(Socket socket) {
        open.removeIf(Socket::isClosed);
        if (open.size() >= maxConnections) {
            return false;
        }
        open.add(socket);
        return true;
    }

    /** TLS layered over the accepted TCP connection; the handshake runs on the first read. */
    private Socket secure(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setNeedClientAuth(clientAuth);
        return socket;
    }

    /** The bound port, or -1 before the server socket is bound. */
    int boundPort() {
        ServerSocket socket = bound;
        return socket == null || !socket.isBound() ? -1 : socket.getLocalPort();
    }
}
