package org.hiehub.hub.readstore;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the read store: a MongoDB {@code ping}; for the embedded store, also whether the process before this one
 * ended without closing it and which views were set back for it ({@link ViewRewind}); without projections in this
 * process nothing sets them back and the views may miss their last writes until rebuilt.
 */
@Component("readStoreHealthIndicator")
public class ReadStoreHealthIndicator implements HealthIndicator {

    private final MongoDatabase readStore;
    private final ReadStoreConfiguration.EmbeddedReadStore embedded;
    private final ObjectProvider<ViewRewind> rewind;

    public ReadStoreHealthIndicator(MongoDatabase readStore, ReadStoreConfiguration.EmbeddedReadStore embedded,
                                   ObjectProvider<ViewRewind> rewind) {
        this.readStore = readStore;
        this.embedded = embedded;
        this.rewind = rewind;
    }

    @Override
    public Health health() {
        try {
            readStore.runCommand(new Document("ping", 1));
            Health.Builder health = Health.up().withDetail("database", readStore.getName());
            if (embedded.closedUncleanly()) {
                health.withDetail("closedUncleanly", true);
            }
            ViewRewind views = rewind.getIfAvailable();
            if (views != null && !views.rewound().isEmpty()) {
                health.withDetail("viewsRewound", views.rewound());
            } else if (embedded.closedUncleanly() && views == null) {
                health.withDetail("action", "views may miss their last writes before the crash: rebuild them");
            }
            return health.build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
