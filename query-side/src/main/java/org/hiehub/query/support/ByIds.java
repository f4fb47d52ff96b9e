package org.hiehub.query.support;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.bson.Document;

/**
 * Reads documents by {@code _id}, in chunks. The embedded store (mongo-java-server) finds each id through its
 * primary index but then checks every document found against the whole {@code $in} list again, so one query for
 * n ids costs n² comparisons; a few hundred ids (a Synthea patient's timeline) made that the larger part of a read.
 * Chunks bound the re-check to {@value #CHUNK} comparisons per document for one more round trip per chunk.
 */
public final class ByIds {

    static final int CHUNK = 64;

    private ByIds() {
    }

    public static List<Document> find(MongoCollection<Document> collection, Collection<String> ids) {
        List<Document> found = new ArrayList<>(ids.size());
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += CHUNK) {
            collection.find(in("_id", all.subList(from, Math.min(all.size(), from + CHUNK)))).into(found);
        }
        return found;
    }
}
