package org.hiehub.projections.quality;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageRejected;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.ErasureGuard;
import org.hiehub.projections.support.WriteBehind;
import org.springframework.stereotype.Component;

/**
 * Data quality per source system and day, from what ingestion decided about each message. Stores one keyed
 * document per message rather than counters: counters incremented without a transaction would count a
 * re-delivered event twice. Neither events nor this view carry personal data (findings name fields, not values).
 */
@Component
@ProcessingGroup(QualityProjection.GROUP)
public class QualityProjection {

    public static final String GROUP = "quality";
    private final MongoCollection<Document> messages;
    private final RecordQuality records;
    private final ErasureGuard erasures;
    private final WriteBehind messageWrites;

    public QualityProjection(MongoDatabase readStore) {
        this.messages = readStore.getCollection(QualityCollections.MESSAGES);
        this.messageWrites = new WriteBehind(messages);
        this.records = new RecordQuality(readStore);
        this.erasures = ErasureGuard.over(readStore, GROUP, QualityCollections.ERASED, records::forget);
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("sourceSystem"), Indexes.ascending("day")));
    }

    @EventHandler
    void on(MessageAccepted event, @Timestamp Instant at) {
        Instant receivedAt = event.receivedAt() != null ? event.receivedAt() : at;
        write("a:" + event.messageKey().value(), "accepted", event.sourceSystem(), receivedAt, event.quality());
        records.accepted(event.messageKey().value(), event.quality() == null ? null : event.quality().score(),
                event.quality() == null ? null : event.quality().band());
    }

    @EventHandler
    void on(MessageRejected event, @Timestamp Instant at) {
        write("r:" + event.deadLetterId(), "rejected", event.sourceSystem(),
                event.receivedAt() != null ? event.receivedAt() : at, event.quality());
    }

    /** Which messages a record's data came from (see {@link RecordQuality}). */
    @EventHandler
    void on(ClinicalEvent event) {
        String record = event.sourceRecordId().value();
        if (!erasures.erased(record)) {
            records.carried(record, event.messageKey());
            erasures.wrote(record);
        }
    }

    /**
     * The person's record-to-message index goes. The per-message quality documents stay: they hold a source
     * system, a day, scores and rule findings, no value of the person, and the per-source figures count them.
     */
    @EventHandler
    void on(PersonErased event) {
        erasures.erase(event.sourceRecordIdValues());
    }

    @ResetHandler
    void reset() {
        messages.deleteMany(new Document());
        records.clear();
        erasures.clear();
    }

    private void write(String id, String outcome, String sourceSystem, Instant receivedAt, QualityAssessment q) {
        Document doc = new Document("_id", id).append("outcome", outcome)
                .append("sourceSystem", sourceSystem == null ? "(unknown)" : sourceSystem)
                .append("day", receivedAt.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .append("receivedAt", receivedAt.toString());
        if (q != null) {
            doc.append("band", q.band()).append("score", q.score())
                    .append("dimensions", new Document(new java.util.TreeMap<String, Object>(q.dimensions())))
                    .append("findings", q.findings());
        }
        messageWrites.replace(eq("_id", id), doc);
    }
}
