package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.hiehub.api.ingestion.MessageAccepted;

/**
 * Which source system sent a message, and when it arrived. Clinical facts name only their message; the message's
 * MessageAccepted comes first in the same aggregate stream, so a processor (sequencing per aggregate) always
 * handles it before the facts. Kept in the owning projection's own collection so it rebuilds with it.
 */
public final class MessageSources {

    /** Bounded so a long replay does not keep every message in memory; a miss just reads the collection. */
    private static final int CACHE_LIMIT = 10_000;
    private final MongoCollection<Document> messages;
    private final Map<String, Origin> cache = new ConcurrentHashMap<>();

    public MessageSources(MongoCollection<Document> messages) {
        this.messages = messages;
    }

    public record Origin(String sourceSystem, Instant receivedAt) {
    }

    public void accepted(MessageAccepted event) {
        Origin origin = new Origin(event.sourceSystem(), event.receivedAt());
        messages.replaceOne(eq("_id", event.messageKey().value()), new Document("_id", event.messageKey().value())
                .append("sourceSystem", origin.sourceSystem())
                .append("receivedAt", origin.receivedAt() == null ? null : origin.receivedAt().toString()),
                new ReplaceOptions().upsert(true));
        remember(event.messageKey().value(), origin);
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
        Document stored = messages.find(eq("_id", messageKey)).first();
        Origin origin = stored == null ? new Origin(null, null) : new Origin(stored.getString("sourceSystem"),
                stored.getString("receivedAt") == null ? null : Instant.parse(stored.getString("receivedAt")));
        if (stored != null) {
            remember(messageKey, origin);
        }
        return origin;
    }

    public void clear() {
        cache.clear();
        messages.deleteMany(new Document());
    }

    private void remember(String key, Origin origin) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, origin);
    }
}
