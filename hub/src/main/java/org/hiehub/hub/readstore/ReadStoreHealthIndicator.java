package org.hiehub.hub.readstore;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the read store: a MongoDB {@code ping}. */
@Component("readStoreHealthIndicator")
public class ReadStoreHealthIndicator implements HealthIndicator {

    private final MongoDatabase readStore;

    public ReadStoreHealthIndicator(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    @Override
    public Health health() {
        try {
            readStore.runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", readStore.getName()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
