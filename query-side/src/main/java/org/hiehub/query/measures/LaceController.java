package org.hiehub.query.measures;

import org.hiehub.projections.support.DocumentsById;
import org.hiehub.query.access.AccessDecision;
import org.hiehub.query.access.PatientAccess;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.alerts.AlertProperties;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.hiehub.projections.clinical.ClinicalRecordProjection;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.caregaps.CareGapEvaluator;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/patients/{id}/lace}: LACE readmission risk for the patient's current (latest) inpatient stay, from
 * the encounters and active problems of every linked record. An ongoing stay is measured to the latest event time
 * the hub has seen, never the wall clock, so the same log gives the same score.
 */
@RestController
public class LaceController {

    private final PatientSummaries summaries;
    private final ViewFreshness freshness;
    private final CareGapEvaluator clock;
    private final RecordIndex index;
    private final MongoCollection<Document> encounters;
    private final MongoCollection<Document> facts;
    private final Set<String> inpatientClasses = new HashSet<>();
    private final PatientAccess access;

    public LaceController(PatientSummaries summaries, ViewFreshness freshness, CareGapEvaluator clock,
                          MongoDatabase readStore, AlertProperties alerts, PatientAccess access) {
        this.access = access;
        this.summaries = summaries;
        this.freshness = freshness;
        this.clock = clock;
        this.index = new RecordIndex(readStore.getCollection(ClinicalCollections.RECORD_INDEX));
        this.encounters = readStore.getCollection(ClinicalCollections.ENCOUNTERS);
        this.facts = readStore.getCollection(ClinicalCollections.FACTS);
        alerts.admissionClasses().forEach(c -> inpatientClasses.add(c.toLowerCase(Locale.ROOT)));
    }

    @GetMapping("/api/patients/{id}/lace")
    public ResponseEntity<Document> lace(@PathVariable String id, @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(PatientSummaryProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        freshness.await(ClinicalRecordProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        long position = Math.min(freshness.currentPosition(PatientSummaryProjection.GROUP),
                freshness.currentPosition(ClinicalRecordProjection.GROUP));
        Document summary = summaries.find(id).orElse(null);
        if (summary == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        AccessDecision decision = access.require(id);
        List<String> records = ClinicalSection.sourceRecordIds(summary);
        // a visit its source cancelled (A11) was neither a stay nor an emergency visit
        List<Document> all = byId(encounters, index.ids(records, "encounters")).stream()
                .filter(e -> !SummarySelection.cancelled(e)).toList();
        List<Document> stays = all.stream().filter(this::inpatient).toList();
        // an encounter known only from its end (or sent without a start) is filed with startT Long.MIN_VALUE
        Document stay = stays.stream().filter(e -> e.get("startT") != null
                        && e.get("startT", Number.class).longValue() != Long.MIN_VALUE)
                .max(Comparator.comparingLong(e -> e.get("startT", Number.class).longValue())).orElse(null);
        Document body = new Document("masterPatientId", id).append("viewPosition", position);
        if (stay == null) {
            body.append("encounter", null).append("lace", null).append("reason", stays.isEmpty()
                    ? "no inpatient stay on record" : "no inpatient stay with a known admission time on record");
        } else {
            List<Document> problems = byId(facts, index.ids(records, "facts")).stream()
                    .filter(f -> "condition".equals(f.getString("kind")) && Boolean.TRUE.equals(f.getBoolean("active")))
                    .filter(decision::visible)
                    .toList();
            Instant asOf = clock.asOf(null);
            Instant end = Lace.end(stay);
            body.append("encounter", new Document("encounterId", stay.getString("encounterId"))
                            .append("sourceSystem", stay.getString("sourceSystem"))
                            .append("start", stay.getString("start")).append("end", end == null ? null : end.toString())
                            .append("admitSource", stay.getString("admitSource")))
                    .append("asOf", asOf == null ? null : asOf.toString())
                    .append("lace", Lace.score(stay, all, problems, asOf));
        }
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }

    private boolean inpatient(Document encounter) {
        String encounterClass = encounter.getString("encounterClass");
        return encounterClass != null && inpatientClasses.contains(encounterClass.toLowerCase(Locale.ROOT));
    }

    private static List<Document> byId(MongoCollection<Document> collection, List<String> ids) {
        return ids.isEmpty() ? new ArrayList<>() : DocumentsById.list(collection, ids);
    }
}
