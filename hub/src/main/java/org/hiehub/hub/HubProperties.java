package org.hiehub.hub;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code hub.*}).
 *
 * @param dataDir where the embedded PostgreSQL, the embedded read store and the master key live
 * @param postgres the embedded PostgreSQL, used when no {@code spring.datasource.url} is configured
 * @param readStore MongoDB: an external server by URI, or the embedded mongo-java-server
 * @param privacy key material protecting personal data in events
 */
@ConfigurationProperties("hub")
public record HubProperties(@DefaultValue("./data") Path dataDir,
                            @DefaultValue Postgres postgres,
                            @DefaultValue ReadStore readStore,
                            @DefaultValue Privacy privacy) {

    /** @param port 0 picks a free port */
    public record Postgres(@DefaultValue("0") int port) {
    }

    /**
     * @param uri a MongoDB connection string; empty starts the embedded server
     * @param database the database holding every read model
     * @param embeddedBackend {@code h2} (persists under the data directory) or {@code memory}
     * @param embeddedPort port of the embedded server, 0 picks a free one
     */
    public record ReadStore(@DefaultValue("") String uri, @DefaultValue("hiehub") String database,
                            @DefaultValue("h2") String embeddedBackend, @DefaultValue("0") int embeddedPort,
                            @DefaultValue("512") int embeddedCacheMb) {

        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /**
     * @param masterKey base64 AES-256 key that wraps the per-person keys; empty: a key file in the data directory
     * @param keyCacheSeconds how long a process caches a person's key (an erasure elsewhere takes effect after it)
     */
    public record Privacy(@DefaultValue("") String masterKey, @DefaultValue("300") long keyCacheSeconds) {
    }
}
