package org.hiehub.hub.cli;

import de.bwaldvogel.mongo.MongoServer;
import org.hiehub.hub.readstore.IndexedH2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * A standalone read store for running hub roles as separate processes on a machine without MongoDB: the same
 * mongo-java-server (MongoDB wire protocol, H2 MVStore persistence) the embedded default uses, in its own
 * process, until stopped. Production uses a real MongoDB replica set instead.
 */
@CommandLine.Command(name = "read-store", mixinStandardHelpOptions = true,
        description = "Serve a MongoDB-wire-compatible read store (mongo-java-server, H2 backend) until stopped.")
final class ReadStoreServerCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--port", defaultValue = "27017", description = "port (default ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Option(names = "--bind", defaultValue = "127.0.0.1", description = "address (default ${DEFAULT-VALUE})")
    String bind;

    @CommandLine.Option(names = "--data-dir", defaultValue = "./data/readstore-server",
            description = "where the H2 file lives (default ${DEFAULT-VALUE})")
    Path dataDir;

    @CommandLine.Option(names = "--cache-mb", defaultValue = "512",
            description = "page cache in MB (default ${DEFAULT-VALUE}): pages outside it are re-read and deserialized")
    int cacheMb;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        IndexedH2Backend backend = new IndexedH2Backend(dataDir.resolve("readstore.mv").toString(), cacheMb);
        if (backend.closedUncleanly()) {
            System.err.println("warning: " + IndexedH2Backend.CLOSED_UNCLEANLY + " The hubs that project into this "
                    + "store cannot tell: rebuild the views (see the README, 'A crash').");
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress(bind, port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }));
        System.err.printf("read store listening on mongodb://%s:%d (data in %s); Ctrl-C to stop%n",
                bind, server.getLocalAddress().getPort(), dataDir.toAbsolutePath());
        stopped.await();
        return 0;
    }
}
