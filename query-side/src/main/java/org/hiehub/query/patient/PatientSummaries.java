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

    /** A merge chain longer than this is a data error, not a reason to loop. */
    private static final int MAX_MERGE_HOPS = 10;
    private final ReadModels readModels;

    public PatientSummaries(ReadModels readModels) {
        this.readModels = readModels;
    }

    public Optional<Document> find(String masterPatientId) {
        return Optional.ofNullable(summaries().find(eq("_id", masterPatientId)).first())
                .map(PatientSummaries::publicView);
    }

    /**
     * The summary of the living master patient {@code id} stands for: itself, or the survivor a chain of merges
     * (retired ids) ends at; empty when there is none or the chain is longer than any real one (a data error).
     */
    public Optional<Document> living(String id) {
        Optional<Document> summary = find(id);
        for (int hop = 0; hop < MAX_MERGE_HOPS && summary.isPresent(); hop++) {
            String survivor = summary.get().getString("mergedInto");
            if (survivor == null) {
                return summary;
            }
            summary = find(survivor);
        }
        return Optional.empty();
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
