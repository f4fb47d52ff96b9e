package org.hiehub.query.measures;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.hiehub.projections.alerts.AlertProperties;
import org.hiehub.projections.caregaps.CareGapCollections;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Population measures over the current master patients, aggregate only (every count through {@link SmallCells}):
 * <ul>
 *   <li>HbA1c control: diabetics (an active diabetes diagnosis, as the care-gap rules read it) whose latest HbA1c
 *   (LOINC 4548-4, 17856-6, 4549-2) is under 9 % — the complement of NCQA HEDIS "HbA1c poor control (&gt; 9 %)",
 *   where a diabetic without a result counts as not in control. Per source: the patients that source sent.</li>
 *   <li>30-day readmission: inpatient stays with a discharge, of which the same patient's next inpatient admission
 *   began within 30 days of discharge (the CMS Hospital Readmissions all-cause window; planned readmissions are
 *   not told apart). Per source: the source of the discharged stay. A stay two sources both report counts once.</li>
 * </ul>
 */
@Component
public class PopulationMeasures {

    private static final List<String> HBA1C = List.of("4548-4", "17856-6", "4549-2");
    private static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();
    private final ReadModels readModels;
    private final MongoCollection<Document> evidence;
    private final MongoCollection<Document> labs;
    private final MongoCollection<Document> encounters;
    private final Set<String> inpatientClasses;

    public PopulationMeasures(MongoDatabase readStore, ReadModels readModels, AlertProperties alerts) {
        this.readModels = readModels;
        this.evidence = readStore.getCollection(CareGapCollections.EVIDENCE);
        this.labs = readStore.getCollection(ClinicalCollections.LATEST_LABS);
        this.encounters = readStore.getCollection(ClinicalCollections.ENCOUNTERS);
        this.inpatientClasses = new HashSet<>();
        alerts.admissionClasses().forEach(c -> inpatientClasses.add(c.toLowerCase(Locale.ROOT)));
    }

    /** Every measure; {@code source} (optional) restricts the population to what that source system sent. */
    public List<Document> all(String source) {
        Map<String, Patient> patients = patients();
        return List.of(hba1cControl(patients, source), readmissions(patients, source));
    }

    /** A current master patient: its source records and the source system of each. */
    private record Patient(String id, Map<String, String> sourceByRecord) {
    }

    private Map<String, Patient> patients() {
        Map<String, Patient> patients = new TreeMap<>();
        MongoCollection<Document> summaries = readModels.live(PatientSummaryProjection.GROUP)
                .collection(SummaryCollections.SUMMARIES);
        for (Document summary : summaries.find(eq("mergedInto", null)).projection(Projections.include(
                "sourceRecords.sourceRecordId", "sourceRecords.sourceSystem"))) {
            Map<String, String> records = new HashMap<>();
            summary.getList("sourceRecords", Document.class, List.of()).forEach(r -> records.put(
                    r.getString("sourceRecordId"), String.valueOf(r.getString("sourceSystem"))));
            if (!records.isEmpty()) {
                patients.put(summary.getString("_id"), new Patient(summary.getString("_id"), records));
            }
        }
        return patients;
    }

    private Document hba1cControl(Map<String, Patient> patients, String source) {
        Set<String> diabeticRecords = new HashSet<>();
        evidence.find(eq("diabetes", true)).forEach(e -> diabeticRecords.add(e.getString("_id")));
        Counts counts = new Counts(source);
        for (Patient patient : patients.values()) {
            if (patient.sourceByRecord().keySet().stream().noneMatch(diabeticRecords::contains)) {
                continue;
            }
            boolean controlled = latestHbA1cBelowNine(patient.sourceByRecord().keySet());
            counts.add(new TreeSet<>(patient.sourceByRecord().values()), controlled);
        }
        Document measure = new Document("id", "hba1c-control")
                .append("description", "Diabetics whose latest HbA1c is under 9 % (no result counts as not in "
                        + "control); numerator: in control")
                .append("unit", "patients");
        measure.putAll(counts.table());
        return measure;
    }

    private boolean latestHbA1cBelowNine(Set<String> records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> HBA1C.forEach(code -> ids.add(r + "|http://loinc.org|" + code)));
        Document newest = null;
        for (Document lab : DocumentsById.list(labs, ids)) {
            Document latest = lab.get("latest", Document.class);
            // in percent (NGSP/DCCT) only: an IFCC result in mmol/mol is another scale
            if (latest != null && latest.getDouble("value") != null && "%".equals(latest.getString("unit"))
                    && (newest == null || latest.getLong("t") > newest.getLong("t"))) {
                newest = latest;
            }
        }
        return newest != null && newest.getDouble("value") < 9.0;
    }

    private Document readmissions(Map<String, Patient> patients, String source) {
        Map<String, Patient> byRecord = new HashMap<>();
        patients.values().forEach(p -> p.sourceByRecord().keySet().forEach(r -> byRecord.put(r, p)));
        Map<String, TreeMap<Long, Stay>> staysByPatient = new HashMap<>();
        for (Document encounter : encounters.find()) {
            Patient patient = byRecord.get(encounter.getString("sourceRecordId"));
            String encounterClass = encounter.getString("encounterClass");
            Number start = encounter.get("startT", Number.class);
            if (patient == null || start == null || encounterClass == null || SummarySelection.cancelled(encounter)
                    || !inpatientClasses.contains(encounterClass.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String end = encounter.getString("end") != null ? encounter.getString("end")
                    : encounter.getString("endAsReported");
            // the same stay from two sources (same start) counts once
            staysByPatient.computeIfAbsent(patient.id(), k -> new TreeMap<>()).putIfAbsent(start.longValue(),
                    new Stay(start.longValue(), end == null ? null : java.time.Instant.parse(end).toEpochMilli(),
                            patient.sourceByRecord().get(encounter.getString("sourceRecordId"))));
        }
        Counts counts = new Counts(source);
        for (TreeMap<Long, Stay> stays : staysByPatient.values()) {
            for (Stay stay : stays.values()) {
                if (stay.end() == null) {
                    continue; // still admitted: not an index stay yet
                }
                var next = stays.higherEntry(stay.start());
                boolean readmitted = next != null && next.getKey() > stay.end()
                        && next.getKey() - stay.end() <= THIRTY_DAYS;
                counts.add(Set.of(stay.source()), readmitted);
            }
        }
        Document measure = new Document("id", "readmission-30d")
                .append("description", "Inpatient stays with a discharge; numerator: the patient was admitted again "
                        + "within 30 days of discharge")
                .append("unit", "stays");
        measure.putAll(counts.table());
        return measure;
    }

    private record Stay(long start, Long end, String source) {
    }

    /** Numerator and denominator overall and per source system. */
    private static final class Counts {
        private final String only;
        private long numerator;
        private long denominator;
        private final Map<String, long[]> bySource = new TreeMap<>();

        Counts(String only) {
            this.only = only;
        }

        void add(Set<String> sources, boolean inNumerator) {
            if (only != null && !sources.contains(only)) {
                return;
            }
            denominator++;
            numerator += inNumerator ? 1 : 0;
            for (String source : sources) {
                if (only != null && !only.equals(source)) {
                    continue;
                }
                long[] cell = bySource.computeIfAbsent(source, k -> new long[2]);
                cell[1]++;
                cell[0] += inNumerator ? 1 : 0;
            }
        }

        Document table() {
            return SmallCells.table(new SmallCells.Cell(null, numerator, denominator), bySource.entrySet().stream()
                    .map(e -> new SmallCells.Cell(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
        }
    }
}
