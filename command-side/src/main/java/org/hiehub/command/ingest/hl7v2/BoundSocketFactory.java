package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.util.StandardSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HAPI's {@code SimpleServer} always binds the wildcard address ({@code new InetSocketAddress(port)}); this
 * factory hands it a server socket that binds to the configured address instead, and remembers the socket so
 * the port actually bound (when 0 asked for any free one) can be read back.
 */
final class BoundSocketFactory extends StandardSocketFactory {

    private final InetAddress bindAddress;
    private final SSLContext tls;
    private final boolean clientAuth;
    private volatile ServerSocket bound;

    /** @param tls when not {@code null}, every accepted connection is wrapped in TLS (server side) */
    BoundSocketFactory(InetAddress bindAddress, int idleTimeoutMillis, SSLContext tls, boolean clientAuth) {
        this.bindAddress = bindAddress;
        this.tls = tls;
        this.clientAuth = clientAuth;
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
                Socket plain = super.accept();
                return tls == null ? plain : secure(plain);
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
    /** TLS layered over the accepted TCP connection; the handshake runs on the first read. */
    private Socket secure(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setNeedClientAuth(clientAuth);
        return socket;
    }

    int boundPort() {
        ServerSocket socket = bound;
        return socket == null || !socket.isBound() ? -1 : socket.getLocalPort();
    }
}
