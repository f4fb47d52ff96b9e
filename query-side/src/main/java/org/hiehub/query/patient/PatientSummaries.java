package org.hiehub.query.patient;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import org.bson.Document;
import org.hiehub.projections.summary.SummaryCollections;
import org.springframework.stereotype.Component;

/** Reads patient summaries as the patient-summary projection wrote them. */
@Component
public class PatientSummaries {

    private final MongoCollection<Document> summaries;

    public PatientSummaries(MongoDatabase readStore) {
        this.summaries = readStore.getCollection(SummaryCollections.SUMMARIES);
    }

    public Optional<Document> find(String masterPatientId) {
        return Optional.ofNullable(summaries.find(eq("_id", masterPatientId)).first()).map(PatientSummaries::publicView);
    }

    /** Drops the projection's own bookkeeping fields. */
    static Document publicView(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        view.remove("_rev");
        view.remove("search"); // search keys: every linked record's names, the projection's index, not the record
        return view;
    }
}
