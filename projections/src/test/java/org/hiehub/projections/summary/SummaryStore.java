package org.hiehub.projections.summary;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.hiehub.projections.versions.ReadModelScope;

/** An in-process read store (mongo-java-server) and a patient-summary projection writing to it, for one test. */
final class SummaryStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoDatabase db;

    SummaryStore(CommandListener... listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        client = MongoClients.create(settings.build());
        db = client.getDatabase("test");
    }

    MongoDatabase db() {
        return db;
    }

    /** A projection on the store's unversioned collections; several stand for several segments. */
    PatientSummaryProjection projection() {
        return new PatientSummaryProjection(ReadModelScope.unversioned(db), SurvivorshipRules.defaults());
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
