package org.hiehub.query.fhir;

import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.access.AccessDecision;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bson.Document;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.timeline.VisitEntries;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.freshness.ViewState;
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
    private static final List<String> VIEWS = List.of(PatientSummaryProjection.GROUP, TimelineProjection.GROUP);
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
        await(minPosition, waitMs);
        return patient(id);
    }

    /** Waits for both views to reach {@code minPosition}, if given. */
    void await(Long minPosition, long waitMs) {
        freshness.await(VIEWS, minPosition, Duration.ofMillis(waitMs));
    }

    /** The summary of the living master patient for {@code id}, once the caller's consent lets them see it. */
    Document patient(String id) {
        Document summary = summaries.living(id).orElseThrow(() -> new FhirErrors.UnknownResource("Patient", id));
        access.require(summary.getString("masterPatientId"));
        return summary;
    }

    /** The state of both views (and their live versions) this request reads at, for a composed answer. */
    ViewState state() {
        return freshness.state(VIEWS).and("summary", summaries.liveVersion()).and("timeline", timeline.liveVersion());
    }

    /** The caller's consent decision for the patient (decided once per request). */
    AccessDecision access(String masterPatientId) {
        return access.require(masterPatientId);
    }

    long position() {
        return Math.min(freshness.currentPosition(PatientSummaryProjection.GROUP),
                freshness.currentPosition(TimelineProjection.GROUP));
    }

    /**
     * The patient's entries of the given types that the caller may see, read once, to count and to page; an
     * encounter carries the end its discharge told ({@link EncounterEnds}).
     */
    TimelineQuery.Selection select(Document summary, List<String> types) {
        AccessDecision decision = access.require(summary.getString("masterPatientId"));
        TimelineQuery.Selection read = timeline.select(ClinicalSection.sourceRecordIds(summary),
                new TimelineQuery.Filter(EncounterEnds.typesToRead(types), null, null, null),
                decision.hiddenCategories().isEmpty() ? TimelineQuery.EVERY_ENTRY : decision::visible);
        return WithdrawnDoses.join(EncounterEnds.join(read, types), types);
    }

    /**
     * One page of the patient's entries the filter and keys let through, without counting them all: a search with
     * {@code _total=none} costs its page. An encounter needs its end entries joined, an immunization its sender's
     * withdrawals ({@link WithdrawnDoses}), so they page a selection.
     */
    TimelineQuery.Page page(Document summary, TimelineQuery.Filter filter, Predicate<TimelineKeys.Key> matching,
                            int count, String cursor) {
        if (filter.types().contains(VisitEntries.START) || filter.types().contains(ImmunizationDoses.TYPE)) {
            return page(select(summary, filter.types()).whereKey(matching), count, cursor);
        }
        AccessDecision decision = access.require(summary.getString("masterPatientId"));
        TimelineQuery.Page page = timeline.page(ClinicalSection.sourceRecordIds(summary), filter, matching, count,
                cursor, decision::visible);
        noteReturned(page.entries());
        return page;
    }

    /** One page of a selection; only what the page returns counts as returned for the access audit. */
    TimelineQuery.Page page(TimelineQuery.Selection selection, int count, String cursor) {
        TimelineQuery.Page page = selection.page(count, cursor);
        noteReturned(page.entries());
        return page;
    }

    private static void noteReturned(List<Document> entries) {
        AccessRecord audit = AccessRecord.current();
        returned(entries).forEach(audit::returned);
    }

    /** How many entries of each type, as the access audit counts them. */
    static Map<String, Integer> returned(List<Document> entries) {
        Map<String, Integer> returned = new LinkedHashMap<>();
        entries.forEach(e -> returned.merge(String.valueOf(e.getString("type")), 1, Integer::sum));
        return returned;
    }
}
