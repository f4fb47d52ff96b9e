package org.hiehub.query.patient;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.hiehub.projections.summary.SummaryCollections;
import org.springframework.stereotype.Component;

/** Reads patient summaries as the patient-summary projection wrote them. */
@Component
public class PatientSummaries {

    static final int MAX_RESULTS = 100;
    private final MongoCollection<Document> summaries;

    public PatientSummaries(MongoDatabase readStore) {
        this.summaries = readStore.getCollection(SummaryCollections.SUMMARIES);
    }

    public Optional<Document> find(String masterPatientId) {
        return Optional.ofNullable(summaries.find(eq("_id", masterPatientId)).first()).map(PatientSummaries::publicView);
    }

    public List<Document> findByIdentifier(String system, String value) {
        return summaries.find(elemMatch("identifiers", and(eq("system", system), eq("value", value))))
                .sort(Sorts.ascending("_id")).limit(MAX_RESULTS)
                .map(PatientSummaries::publicView).into(new ArrayList<>());
    }

    /** Drops the projection's own bookkeeping fields. */
    private static Document publicView(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        view.remove("_rev");
        return view;
    }
}
