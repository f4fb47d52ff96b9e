package org.hiehub.query.patient;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.Optional;
import org.bson.Document;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/** Reads patient summaries as the patient-summary projection wrote them. */
@Component
public class PatientSummaries {

    private final ReadModels readModels;

    public PatientSummaries(ReadModels readModels) {
        this.readModels = readModels;
    }

    public Optional<Document> find(String masterPatientId) {
        return Optional.ofNullable(summaries().find(eq("_id", masterPatientId)).first())
                .map(PatientSummaries::publicView);
    }

    /** The version readers see now; a composed answer depends on it (see ComposedAnswers). */
    public int liveVersion() {
        return readModels.liveVersion(PatientSummaryProjection.GROUP);
    }

    /** The live version, resolved per request: a blue/green switch shows without restart. */
    private MongoCollection<Document> summaries() {
        return readModels.live(PatientSummaryProjection.GROUP).collection(SummaryCollections.SUMMARIES);
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
