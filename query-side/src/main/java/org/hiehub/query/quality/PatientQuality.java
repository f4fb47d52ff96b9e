package org.hiehub.query.quality;


import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.TreeMap;
import org.bson.Document;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.quality.QualityCollections;
import org.hiehub.projections.support.DocumentsById;
import org.springframework.stereotype.Component;

/**
 * The quality of the data a patient's summary is built from: the scores ingestion gave the accepted messages that
 * carried the facts of the patient's linked records — their mean, the lowest, and how many fell in each band.
 */
@Component
public class PatientQuality {

    private final MongoCollection<Document> messages;
    private final RecordIndex recordMessages;

    public PatientQuality(MongoDatabase readStore) {
        this.messages = readStore.getCollection(QualityCollections.MESSAGES);
        this.recordMessages = new RecordIndex(readStore.getCollection(QualityCollections.RECORD_MESSAGES));
    }

    public Document of(List<String> sourceRecordIds) {
        List<String> ids = recordMessages.ids(sourceRecordIds, "messages").stream().distinct().map(k -> "a:" + k)
                .toList();
        long count = 0;
        long sum = 0;
        Integer lowest = null;
        TreeMap<String, Long> bands = new TreeMap<>();
        if (!ids.isEmpty()) {
            for (Document message : DocumentsById.list(messages, ids)) {
                Number score = message.get("score", Number.class);
                if (score != null) {
                    count++;
                    sum += score.longValue();
                    lowest = lowest == null ? score.intValue() : Math.min(lowest, score.intValue());
                }
                if (message.getString("band") != null) {
                    bands.merge(message.getString("band"), 1L, Long::sum);
                }
            }
        }
        return new Document("score", count == 0 ? null : Math.round(10.0 * sum / count) / 10.0)
                .append("lowestScore", lowest).append("messages", count).append("bands", new Document(bands));
    }
}
