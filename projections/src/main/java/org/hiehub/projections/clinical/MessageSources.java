package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.projections.support.UnitOfWorkBatch;

/**
 * Which source system sent a message, and when it arrived. Clinical facts name only their message; the message's
 * MessageAccepted comes first in the same aggregate stream, so a processor (sequencing per aggregate) always
 * handles it before the facts. Kept in the owning projection's own collection so it rebuilds with it.
 */
public final class MessageSources {

    /** Bounded so a long replay does not keep every message in memory; a miss just reads the collection. */
    private static final int CACHE_LIMIT = 10_000;
    private final Supplier<MongoCollection<Document>> messages;
    private final Map<String, Origin> cache = new ConcurrentHashMap<>();

    public MessageSources(MongoCollection<Document> messages) {
        this(() -> messages);
    }

    /** Resolved at each use: a projection's live instance follows a blue/green switch. */
    public MessageSources(Supplier<MongoCollection<Document>> messages) {
        this.messages = messages;
    }

    public record Origin(String sourceSystem, Instant receivedAt) {
    }

    /** Within a processor batch the messages are written once, as one bulk write, before the batch commits. */
    public void accepted(MessageAccepted event) {
        Origin origin = new Origin(event.sourceSystem(), event.receivedAt());
        String key = event.messageKey().value();
        Document stored = new Document("_id", key).append("sourceSystem", origin.sourceSystem())
                .append("receivedAt", origin.receivedAt() == null ? null : origin.receivedAt().toString());
        Map<String, Document> pending = pending();
        if (pending == null) {
            messages.get().replaceOne(eq("_id", key), stored, new ReplaceOptions().upsert(true));
        } else {
            pending.put(key, stored);
        }
        remember(key, origin);
    }

    private Map<String, Document> pending() {
        MongoCollection<Document> collection = messages.get();
        return UnitOfWorkBatch.current("message-sources:" + collection.getNamespace().getFullName(),
                LinkedHashMap::new, batch -> {
                    if (!batch.isEmpty()) {
                        collection.bulkWrite(batch.values().stream().map(d -> new ReplaceOneModel<>(
                                eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true))).toList());
                    }
                });
    }

    /** The origin of a message; unknown (nulls) when its MessageAccepted was never seen. */
    public Origin of(String messageKey) {
        if (messageKey == null) {
            return new Origin(null, null);
        }
        Origin cached = cache.get(messageKey);
        if (cached != null) {
            return cached;
        }
        Map<String, Document> pending = pending();
        Document stored = pending != null && pending.containsKey(messageKey) ? pending.get(messageKey)
                : messages.get().find(eq("_id", messageKey)).first();
        Origin origin = stored == null ? new Origin(null, null) : new Origin(stored.getString("sourceSystem"),
                stored.getString("receivedAt") == null ? null : Instant.parse(stored.getString("receivedAt")));
        if (stored != null) {
            remember(messageKey, origin);
        }
        return origin;
    }

    public void clear() {
        cache.clear();
        messages.get().deleteMany(new Document());
    }

    private void remember(String key, Origin origin) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, origin);
    }
}
