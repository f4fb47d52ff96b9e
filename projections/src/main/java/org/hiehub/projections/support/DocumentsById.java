package org.hiehub.projections.support;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Documents read by {@code _id} ({@code $in}), which every store serves from its primary index, a bounded number
 * of ids per query so that each query document stays small on a real MongoDB whatever the batch size, and each
 * answer stays inside the wire protocol's 48 MB message on mongo-java-server, which sends a whole result in its
 * first reply (the timeline of a patient with 150,000 results was a 71 MB reply, and an error).
 */
public final class DocumentsById {

    private static final int IDS_PER_READ = 1_000;

    private DocumentsById() {
    }

    /** The stored documents among the ids, by id, in a map of the caller's own; ids with none are left out. */
    public static Map<String, Document> read(MongoCollection<Document> collection, Collection<String> ids) {
        Map<String, Document> byId = new HashMap<>();
        each(collection, ids, d -> byId.put(d.getString("_id"), d));
        return byId;
    }

    /** The stored documents among the ids, in no particular order, in a list of the caller's own. */
    public static List<Document> list(MongoCollection<Document> collection, Collection<String> ids) {
        List<Document> found = new ArrayList<>(ids.size());
        each(collection, ids, found::add);
        return found;
    }

    private static void each(MongoCollection<Document> collection, Collection<String> ids, Consumer<Document> to) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_READ) {
            collection.find(in("_id", all.subList(from, Math.min(all.size(), from + IDS_PER_READ)))).forEach(to);
        }
    }
}
