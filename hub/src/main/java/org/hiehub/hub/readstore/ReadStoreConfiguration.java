package org.hiehub.hub.readstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hiehub.hub.HubProperties;
import org.hiehub.hub.storage.DataDirectoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read store: MongoDB through the official sync driver. With {@code hub.read-store.uri} set it is a real
 * MongoDB (replica set or sharded cluster); otherwise an in-process mongo-java-server speaks the MongoDB wire
 * protocol on 127.0.0.1, persisted with its H2 MVStore backend under the data directory. Read-model code may use
 * only what both support: no multi-document transactions, no change streams, no $text.
 */
@Configuration(proxyBeanMethods = false)
public class ReadStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadStoreConfiguration.class);

    /**
     * Every read-store command is timed per command and collection ({@code mongodb.driver.commands}), so an operator
     * sees which read model costs the store its time.
     */
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(HubProperties hub, EmbeddedReadStore embedded, MeterRegistry meters) {
        String uri = hub.readStore().embedded() ? embedded.connectionString() : hub.readStore().uri();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .addCommandListener(new MongoMetricsCommandListener(meters))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    @Bean
    MongoDatabase readStore(MongoClient client, HubProperties hub) {
        return client.getDatabase(hub.readStore().database());
    }

    /** The H2 file lives under the data directory, so this hub holds the directory before it opens the file. */
    @Bean(destroyMethod = "close")
    EmbeddedReadStore embeddedReadStore(HubProperties hub, DataDirectoryLock dataDirectory) throws IOException {
        if (!hub.readStore().embedded()) {
            return EmbeddedReadStore.NONE;
        }
        MongoBackend backend;
        boolean closedUncleanly = false;
        if ("memory".equalsIgnoreCase(hub.readStore().embeddedBackend())) {
            backend = new IndexedMemoryBackend();
        } else {
            Path dir = dataDirectory.hold().resolve("readstore");
            Files.createDirectories(dir);
            IndexedH2Backend h2 = new IndexedH2Backend(dir.resolve("readstore.mv").toString(),
                    hub.readStore().embeddedCacheMb());
            closedUncleanly = h2.closedUncleanly();
            if (closedUncleanly) {
                log.warn(IndexedH2Backend.CLOSED_UNCLEANLY);
            }
            backend = h2;
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", hub.readStore().embeddedPort()));
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded read store ({} backend) listening on 127.0.0.1:{}", hub.readStore().embeddedBackend(),
                address.getPort());
        return new EmbeddedReadStore(server, "mongodb://127.0.0.1:" + address.getPort(), closedUncleanly);
    }

    /**
     * The in-process MongoDB substitute, or {@link #NONE} when an external MongoDB is configured.
     * {@code closedUncleanly}: the process before this one ended without closing its file.
     */
    public record EmbeddedReadStore(MongoServer server, String connectionString, boolean closedUncleanly)
            implements AutoCloseable {

        static final EmbeddedReadStore NONE = new EmbeddedReadStore(null, null, false);

        @Override
        public void close() {
            if (server != null) {
                server.shutdown();
            }
        }
    }
}
