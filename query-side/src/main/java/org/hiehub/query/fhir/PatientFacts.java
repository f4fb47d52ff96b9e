package org.hiehub.query.fhir;

import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.access.AccessDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.hiehub.query.timeline.TimelineQuery;
import org.springframework.stereotype.Component;

/**
 * A master patient's facts as the timeline holds them, newest first by (time, factId). Facts belong to source
 * records, so the patient's current links decide which are shown; a retired id resolves to its survivor.
 */
@Component
class PatientFacts {

    /** The timeline types the facade maps to resources; an encounter's end is carried by its start. */
    static final List<String> MAPPED_TYPES = List.of("observation", "encounter", "condition", "medication",
            "allergy", "immunization");
    private static final int MAX_MERGE_HOPS = 10;
    private final PatientSummaries summaries;
    private final TimelineQuery timeline;
    private final ViewFreshness freshness;
    private final PatientAccess access;

    PatientFacts(PatientSummaries summaries, TimelineQuery timeline, ViewFreshness freshness, PatientAccess access) {
        this.summaries = summaries;
        this.access = access;
        this.timeline = timeline;
        this.freshness = freshness;
    }

    /** The summary of the living master patient for {@code id}, waiting for both views when asked to. */
    Document patient(String id, Long minPosition, long waitMs) {
        freshness.await(PatientSummaryProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        freshness.await(TimelineProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        Document summary = find(id);
        for (int hop = 0; summary.getString("mergedInto") != null && hop < MAX_MERGE_HOPS; hop++) {
            summary = find(summary.getString("mergedInto"));
        }
        access.require(summary.getString("masterPatientId"));
        return summary;
    }

    long position() {
        return Math.min(freshness.currentPosition(PatientSummaryProjection.GROUP),
                freshness.currentPosition(TimelineProjection.GROUP));
    }

    TimelineQuery.Page page(Document summary, List<String> types, int count, String cursor) {
        AccessDecision decision = access.require(summary.getString("masterPatientId"));
        TimelineQuery.Page page = timeline.page(ClinicalSection.sourceRecordIds(summary),
                new TimelineQuery.Filter(types, null, null, null), count, cursor, decision::visible);
        page.entries().forEach(e -> AccessRecord.current().returned(String.valueOf(e.getString("type")), 1));
        return page;
    }

    /** Every entry of the given types, walking the pages to the end. */
    List<Document> all(Document summary, List<String> types) {
        List<Document> all = new ArrayList<>();
        String cursor = null;
        do {
            TimelineQuery.Page page = page(summary, types, Integer.MAX_VALUE, cursor);
            all.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Document find(String id) {
        return summaries.find(id).orElseThrow(() -> new FhirErrors.UnknownResource("Patient", id));
    }
}
