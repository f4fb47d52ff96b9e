package org.hiehub.query.quality;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.quality.RecordQuality;
import org.springframework.stereotype.Component;

/**
 * The quality of the data a patient's summary is built from: the scores ingestion gave the accepted messages that
 * carried the facts of the patient's linked records — their mean, the lowest, and how many fell in each band.
 */
@Component
public class PatientQuality {

    private final RecordQuality records;

    public PatientQuality(MongoDatabase readStore) {
        this.records = new RecordQuality(readStore);
    }

    public Document of(List<String> sourceRecordIds) {
        return records.of(sourceRecordIds);
    }
}
