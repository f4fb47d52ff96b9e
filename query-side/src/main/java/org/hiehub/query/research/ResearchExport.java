package org.hiehub.query.research;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.query.clinical.ClinicalSection;

/**
 * Builds the de-identified research data set from the read models, one person at a time: sex, age band, birth
 * year (not above 89), ZIP3, and their coded facts with numeric values and shifted dates. What is copied is a
 * short allow-list; names, identifiers, addresses, contacts, free text, source systems and ids never are. Each
 * person gets a random study id per export, not derived from any of their identifiers.
 */
public class ResearchExport {

    /** The fact types a study gets; encounters are left out (their free-text reasons and locations identify). */
    static final Map<String, String> FACT_TYPES = Map.of("observation", "observation", "condition", "condition",
            "medication", "medication", "allergy", "allergy", "immunization", "immunization");
    private static final int BATCH = 200;
    /** What the export reads of a summary: names, identifiers, contacts and search keys never leave the store. */
    private static final Bson STUDY_FIELDS = Projections.include("mergedInto", "sourceRecords.sourceRecordId",
            "golden.birthDate.value", "golden.sex.value", "golden.address.value.postalCode",
            "golden.address.value.country");
    /** Entries read in one go: a batch of people with long histories must not hold all their entries at once. */
    private static final int FACTS_PER_READ = 5_000;
    private final ReadModels readModels;
    private final ResearchConsent consent;
    private final DateShift dateShift;

    public ResearchExport(ReadModels readModels) {
        this.readModels = readModels;
        this.consent = new ResearchConsent(readModels.readStore());
        this.dateShift = DateShift.load(readModels.readStore());
    }

    /**
     * Hands each exportable person to {@code sink}, in batches of summaries read by {@code _id}; a batch's timeline
     * keys are read together, and its entries a few thousand at a time, not three reads per person.
     */
    public void export(LocalDate today, Consumer<StudySubject> sink) {
        ReadModelScope summaries = readModels.live(PatientSummaryProjection.GROUP);
        ReadModelScope timeline = readModels.live(TimelineProjection.GROUP);
        MongoCollection<Document> summaryCollection = summaries.collection(SummaryCollections.SUMMARIES);
        TimelineKeys index = new TimelineKeys(timeline);
        MongoCollection<Document> entries = timeline.collection(TimelineCollections.ENTRIES);
        String after = null;
        while (true) {
            List<Document> batch = summaryCollection.find(after == null ? new Document() : gt("_id", after))
                    .projection(STUDY_FIELDS).sort(Sorts.ascending("_id")).limit(BATCH).into(new ArrayList<>());
            if (batch.isEmpty()) {
                return;
            }
            after = batch.get(batch.size() - 1).getString("_id");
            List<Document> people = batch.stream().filter(s -> s.getString("mergedInto") == null
                    && !ClinicalSection.sourceRecordIds(s).isEmpty()).toList();
            Set<String> denied = consent.denied(people.stream().map(s -> s.getString("_id")).toList(), today);
            List<Document> exported = people.stream().filter(s -> !denied.contains(s.getString("_id"))).toList();
            Function<Document, List<TimelineKeys.Key>> keysOf = keysOf(index, exported);
            List<Person> page = exported.stream().map(s -> new Person(s, studyKeys(keysOf.apply(s)))).toList();
            for (int from = 0, to; from < page.size(); from = to) {
                int facts = page.get(from).keys().size();
                for (to = from + 1; to < page.size() && facts + page.get(to).keys().size() <= FACTS_PER_READ; to++) {
                    facts += page.get(to).keys().size();
                }
                emit(page.subList(from, to), entries, today, sink);
            }
        }
    }

    /** A person of a page with the keys of their study facts. */
    private record Person(Document summary, List<TimelineKeys.Key> keys) {
    }

    /**
     * Each person's timeline keys: from one read of the page's buckets, or, for a timeline version from before
     * buckets (which the hub rebuilds when it starts), person by person.
     */
    private static Function<Document, List<TimelineKeys.Key>> keysOf(TimelineKeys index, List<Document> people) {
        TimelineKeys.Filed filed = index.filed(people.stream()
                .flatMap(s -> ClinicalSection.sourceRecordIds(s).stream()).toList());
        if (!filed.legacyIds().isEmpty()) {
            return s -> index.allKeys(index.filed(ClinicalSection.sourceRecordIds(s)));
        }
        Map<String, List<TimelineKeys.Key>> keysByRecord = index.keysByRecord(filed);
        return s -> ClinicalSection.sourceRecordIds(s).stream()
                .flatMap(r -> keysByRecord.getOrDefault(r, List.of()).stream()).toList();
    }

    /** Reads the entries of a group of people at once and hands each person to the sink. */
    private void emit(List<Person> group, MongoCollection<Document> entries, LocalDate today,
                      Consumer<StudySubject> sink) {
        Map<String, Document> byId = DocumentsById.read(entries, group.stream()
                .flatMap(p -> p.keys().stream()).map(TimelineKeys.Key::factId).toList());
        group.forEach(p -> sink.accept(subject(p.summary(), p.keys(), byId, today)));
    }

    private static List<TimelineKeys.Key> studyKeys(List<TimelineKeys.Key> keys) {
        return keys.stream().filter(k -> FACT_TYPES.containsKey(k.type())).toList();
    }

    /**
     * A person of the study from their summary, the keys of their facts, and the entries read for them (taken out of
     * {@code byId} as they are used: of the keys an entry ever had, one names it, so it is counted once).
     */
    private StudySubject subject(Document summary, List<TimelineKeys.Key> keys, Map<String, Document> byId,
                                 LocalDate today) {
        String masterPatientId = summary.getString("_id");
        Document golden = summary.get("golden", new Document());
        LocalDate birthDate = parseDate(value(golden, "birthDate"));
        Integer age = SafeHarbor.age(birthDate, today);
        Object address = value(golden, "address");
        String zip3 = address instanceof Document a ? SafeHarbor.zip3(a.getString("postalCode"), a.getString("country"))
                : null;
        int shift = dateShift.offsetDays(masterPatientId);
        List<Document> read = keys.stream().filter(k -> k.names(byId.get(k.factId())))
                .map(k -> byId.remove(k.factId())).toList();
        Map<String, List<Document>> withdrawals = ImmunizationDoses.withdrawalsByRecord(read);
        List<StudyFact> facts = read.stream().filter(e -> given(e, withdrawals))
                .map(e -> fact(e, shift))
                .sorted(Comparator.comparing(StudyFact::date, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(StudyFact::type).thenComparing(f -> String.valueOf(f.code())))
                .toList();
        Object sex = value(golden, "sex");
        return new StudySubject(UUID.randomUUID().toString(), SafeHarbor.sex(sex == null ? null : sex.toString()),
                SafeHarbor.birthYear(birthDate, age), SafeHarbor.ageBand(age), zip3, facts);
    }

    /**
     * Whether a fact is one a study gets: an immunization only when the dose was given — not refused or not done,
     * not a withdrawal, and not a dose its sender withdrew ({@link ImmunizationDoses}) — the study fact says nothing
     * of status.
     */
    private static boolean given(Document entry, Map<String, List<Document>> withdrawals) {
        if (!ImmunizationDoses.TYPE.equals(entry.getString("type"))) {
            return true;
        }
        return !SummarySelection.notGiven(entry.getString("status"))
                && !ImmunizationDoses.withdrawnEntry(entry, withdrawals);
    }

    private static StudyFact fact(Document entry, int shiftDays) {
        Document code = entry.get("code", Document.class);
        String value = null;
        String unit = null;
        if ("observation".equals(entry.getString("type")) && isNumber(entry.get("value"))) {
            value = new BigDecimal(entry.get("value").toString()).toPlainString();
            unit = entry.getString("unit") != null ? entry.getString("unit") : entry.getString("unitAsSent");
        }
        String time = entry.getString("time");
        String date = time == null ? null : Instant.parse(time).atZone(ZoneOffset.UTC).toLocalDate()
                .plusDays(shiftDays).toString();
        return new StudyFact(entry.getString("type"), code == null ? null : code.getString("system"),
                code == null ? null : code.getString("code"), code == null ? null : code.getString("display"),
                value, unit, "observation".equals(entry.getString("type")) ? entry.getString("abnormalFlag") : null,
                date);
    }

    private static boolean isNumber(Object value) {
        if (value == null) {
            return false;
        }
        try {
            new BigDecimal(value.toString().trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Object value(Document golden, String field) {
        Object picked = golden.get(field);
        return picked instanceof Document d ? d.get("value") : null;
    }

    private static LocalDate parseDate(Object value) {
        try {
            return value == null ? null : LocalDate.parse(value.toString().substring(0, Math.min(10,
                    value.toString().length())));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** One person of the study: no name, no identifier, no date but shifted ones. */
    public record StudySubject(String studyId, String sex, Integer birthYear, String ageBand, String zip3,
                               List<StudyFact> facts) {
    }

    /** One fact: code, numeric value and unit (observations), and the date shifted by the person's offset. */
    public record StudyFact(String type, String system, String code, String display, String value, String unit,
                            String abnormalFlag, String date) {
    }
}
