package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.app.SimpleServer;
import ca.uhn.hl7v2.parser.GenericParser;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.IngestionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The HL7 v2 MLLP listener of the command role: HAPI's {@link SimpleServer} on {@code hub.mllp.port}, bound to
 * {@code hub.mllp.bind-address}, started after the rest of the context (so no message arrives before the
 * pipeline can store it) and stopped before it.
 */
@Component
public class MllpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);
    private final MllpProperties properties;
    private final IngestionProperties limits;
    private final IngestionService ingestion;
    private final AckBuilder acks;
    private ExecutorService executor;
    private DefaultHapiContext context;
    private SimpleServer server;
    private BoundSocketFactory sockets;

    public MllpListener(MllpProperties properties, IngestionProperties limits, IngestionService ingestion,
                        AckBuilder acks) {
        this.properties = properties;
        this.limits = limits;
        this.ingestion = ingestion;
        this.acks = acks;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        executor = new MllpExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "hl7v2-mllp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
        sockets = new BoundSocketFactory(address(properties.bindAddress()), properties.idleTimeoutSeconds() * 1000,
                MllpTls.context(properties.tls()), properties.tls().clientAuth(), properties.maxConnections());
        context = Hl7Contexts.configure(new ListenerContext(), executor);
        context.setSocketFactory(sockets);
        context.setLowerLayerProtocol(new BoundedLowerLayerProtocol(limits.maxMessageBytes()));
        SenderAllowlist senders = new SenderAllowlist(properties.allowedSenders());
        if (senders.allowsAnyone()) {
            log.warn("MLLP listener accepts any sender (hub.mllp.allowed-senders=*); list the senders in production");
        }
        IngestingApplication application = new IngestingApplication(ingestion, acks, senders);
        // acceptAll: a frame with MSA-2 (an ACK or other response nobody asked for) reaches the application too,
        // which refuses and keeps it; HAPI would drop it without an answer and log it, content and all
        server = new SimpleServer(context, properties.port(), false, true);
        server.registerApplication(application);
        server.setExceptionHandler(application);
        try {
            server.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the MLLP listener", e);
        }
        if (awaitBound() < 0) {
            Throwable cause = server.getServiceExitedWithException();
            stop();
            throw new IllegalStateException("MLLP listener could not listen on " + properties.bindAddress() + ":"
                    + properties.port(), cause);
        }
        log.info("MLLP listener on {}:{}{}", properties.bindAddress(), sockets.boundPort(),
                properties.tls().enabled() ? " (TLS)" : "");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
        if (context != null) {
            context.close(); // safe: the context has its own executor, not HAPI's JVM-wide one
            context = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** The port actually listened on (resolves {@code hub.mllp.port=0}), or -1 when not listening. */
    public synchronized int port() {
        return server == null ? -1 : sockets.boundPort();
    }

    /** Sender connections currently open (HAPI drops closed ones from its list as it notices them). */
    public synchronized int openConnections() {
        return server == null ? 0 : (int) server.getRemoteConnections().stream().filter(c -> c.isOpen()).count();
    }

    /** The acceptor thread binds asynchronously; a failed bind leaves the server without a bound socket. */
    private int awaitBound() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sockets.boundPort() < 0 && server.getServiceExitedWithException() == null
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sockets.boundPort();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // last to start, first to stop (web server uses MAX_VALUE - 1024 onwards)
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("hub.mllp.bind-address is not a valid address", e);
        }
    }

    /** A context whose servers parse only the MSH (see {@link HeaderOnlyParser}). */
    private static final class ListenerContext extends DefaultHapiContext {
        @Override
        public synchronized GenericParser getGenericParser() {
            return new HeaderOnlyParser(this);
        }
    }
}
