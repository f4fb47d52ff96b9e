package org.hiehub.projections.versions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Where a projection instance (or a reader) finds the collections of one version of a read model. Projections and
 * the query side ask a scope, never the database, for their collections, so a blue/green rebuild can build a new
 * version beside the live one and readers follow a switch without restart.
 */
@FunctionalInterface
public interface ReadModelScope {

    MongoCollection<Document> collection(String name);

    /** Version 0: the collections under their plain names (plain-object tests, and stores never rebuilt). */
    static ReadModelScope unversioned(MongoDatabase readStore) {
        return pinned(readStore, 0);
    }

    /**
     * Each collection is opened once per scope: a rebuild asks for its collections on every event, and opening one
     * validates and builds its namespace anew each time.
     */
    static ReadModelScope pinned(MongoDatabase readStore, int version) {
        Map<String, MongoCollection<Document>> opened = new ConcurrentHashMap<>();
        return name -> opened.computeIfAbsent(name, n -> readStore.getCollection(collectionName(n, version)));
    }

    /** {@code timeline_entries} for version 0, {@code timeline_entries__v3} for version 3. */
    static String collectionName(String name, int version) {
        return version == 0 ? name : name + "__v" + version;
    }
}
