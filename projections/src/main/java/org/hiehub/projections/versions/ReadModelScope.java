package org.hiehub.projections.versions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
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

    static ReadModelScope pinned(MongoDatabase readStore, int version) {
        return name -> readStore.getCollection(collectionName(name, version));
    }

    /** {@code timeline_entries} for version 0, {@code timeline_entries__v3} for version 3. */
    static String collectionName(String name, int version) {
        return version == 0 ? name : name + "__v" + version;
    }
}
