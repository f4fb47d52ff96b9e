package org.hiehub.hub.readstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.hiehub.hub.HubProperties;
import org.hiehub.hub.storage.DataDirectoryLock;
import org.hiehub.projections.versions.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
        IndexedH2Backend h2File = null;
        boolean closedUncleanly = false;
        boolean startedEmpty = true; // the memory backend keeps nothing from one start to the next
        if ("memory".equalsIgnoreCase(hub.readStore().embeddedBackend())) {
            backend = new IndexedMemoryBackend();
        } else {
            Path dir = dataDirectory.hold().resolve("readstore");
            Files.createDirectories(dir);
            Path file = dir.resolve("readstore.mv");
            startedEmpty = !Files.exists(file);
            IndexedH2Backend h2 = new IndexedH2Backend(file.toString(), hub.readStore().embeddedCacheMb());
            closedUncleanly = h2.closedUncleanly();
            if (closedUncleanly) {
                log.warn(IndexedH2Backend.CLOSED_UNCLEANLY + " The views are set back before the projections start "
                        + "(where this process runs them).");
            }
            backend = h2;
            h2File = h2;
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", hub.readStore().embeddedPort()));
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded read store ({} backend) listening on 127.0.0.1:{}", hub.readStore().embeddedBackend(),
                address.getPort());
        return new EmbeddedReadStore(server, "mongodb://127.0.0.1:" + address.getPort(), h2File, closedUncleanly,
                startedEmpty);
    }

    /**
     * The embedded store's file as gauges: its size, how much of it live chunks occupy, how full those are, and the
     * page cache in use. A file that grows while its fill falls is H2 not keeping up with the views' rewrites.
     */
    @Bean
    MeterBinder embeddedReadStoreFileMeters(EmbeddedReadStore embedded) {
        return registry -> {
            IndexedH2Backend file = embedded.file();
            if (file == null) {
                return;
            }
            Gauge.builder("hub.readstore.file.size", file, f -> use(f, IndexedH2Backend.FileUse::bytes))
                    .baseUnit("bytes").description("the embedded read store's H2 file").register(registry);
            Gauge.builder("hub.readstore.file.fill", file, f -> use(f, IndexedH2Backend.FileUse::fileFillPercent))
                    .baseUnit("percent").description("share of the file that H2's chunks occupy").register(registry);
            Gauge.builder("hub.readstore.chunks.fill", file,
                            f -> use(f, IndexedH2Backend.FileUse::chunksFillPercent))
                    .baseUnit("percent").description("share of the chunks' bytes still in use").register(registry);
            Gauge.builder("hub.readstore.cache.used", file, f -> use(f, IndexedH2Backend.FileUse::cacheBytes))
                    .baseUnit("bytes").description("H2's page cache in use").register(registry);
        };
    }

    private static double use(IndexedH2Backend file, ToDoubleFunction<IndexedH2Backend.FileUse> figure) {
        IndexedH2Backend.FileUse use = file.fileUse();
        return use == null ? Double.NaN : figure.applyAsDouble(use);
    }

    /** Only where projections run: their processors are what it sets back. */
    @Bean
    @ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
    ViewRewind viewRewind(EmbeddedReadStore embedded, MongoDatabase readStore, TokenStore tokens,
                          TransactionManager transactions, EventStore eventStore, Serializer serializer,
                          ListableBeanFactory beans, ReadModels readModels,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return new ViewRewind(embedded, readStore, tokens, transactions, eventStore, serializer, beans, readModels,
                claimTimeout.plusSeconds(5));
    }

    /**
     * The in-process MongoDB substitute, or {@link #NONE} when an external MongoDB is configured. {@code file}: its
     * H2 backend, {@code null} for the memory backend. {@code closedUncleanly}: the process before this one ended
     * without closing its file; {@code startedEmpty}: the store holds nothing from before — the memory backend, or no
     * file (a first start, or someone deleted it while the event store kept its tokens).
     */
    public record EmbeddedReadStore(MongoServer server, String connectionString, IndexedH2Backend file,
                                    boolean closedUncleanly, boolean startedEmpty) implements AutoCloseable {

        static final EmbeddedReadStore NONE = new EmbeddedReadStore(null, null, null, false, false);

        /** The store may hold less than the projections' tokens say they wrote (see {@link ViewRewind}). */
        public boolean mayHaveLostWrites() {
            return closedUncleanly || startedEmpty;
        }

        @Override
        public void close() {
            if (server != null) {
                server.shutdown();
            }
        }
    }
}
