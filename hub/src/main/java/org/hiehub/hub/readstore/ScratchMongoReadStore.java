package org.hiehub.hub.readstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import org.hiehub.replay.asof.ScratchReadStore;
import org.springframework.stereotype.Component;

/**
 * Scratch read stores for point-in-time views: an in-memory mongo-java-server per use, on a loopback port, gone
 * when closed. Nothing is written to the live read store (real MongoDB or embedded), so a point-in-time query can
 * neither disturb a serving view nor leave debris behind.
 */
@Component
public class ScratchMongoReadStore implements ScratchReadStore {

    @Override
    public Scratch open() {
        MongoServer server = new MongoServer(new IndexedMemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoDatabase database = client.getDatabase("scratch");
        return new Scratch() {
            @Override
            public MongoDatabase database() {
                return database;
            }

            @Override
            public void close() {
                client.close();
                server.shutdownNow();
            }
        };
    }
}
