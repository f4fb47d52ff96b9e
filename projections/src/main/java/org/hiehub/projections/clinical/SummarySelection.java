package org.hiehub.projections.clinical;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Which stored facts and encounters a patient summary shows. The projection applies it to each source record to
 * build that record's summary document, the query side to the union of the linked records' documents: both picks
 * ("newest active fact per code", "N newest encounters") give the same answer over a union as over the union of
 * each part's picks, so the merge across records is exact.
 */
public final class SummarySelection {

    public static final int RECENT_ENCOUNTERS = 10;
    public static final List<String> FACT_KINDS = List.of("medication", "allergy", "condition");
    /**
     * An encounter document's event-log positions (see {@code ClinicalRecordProjection}): of its latest start, of
     * its latest cancellation (HL7 A11), and of the latest transfer or transfer cancellation, which put the patient
     * at {@link #MOVED_TO}. What a visit's state is follows from them when read, whichever order they were written.
     * {@link #END_WORD_AT}: of the latest discharge or discharge cancellation, which the projection writes only over
     * an earlier one.
     */
    public static final String STARTED_AT = "startPosition";
    public static final String CANCELLED_AT = "cancelPosition";
    public static final String MOVED_AT = "locationPosition";
    public static final String MOVED_TO = "transferLocation";
    public static final String END_WORD_AT = "endWordPosition";
    private static final Set<String> VOID_ENCOUNTER = Set.of("cancelled", "entered-in-error");
    private static final Set<String> NOT_GIVEN = Set.of("not-done", ImmunizationDoses.WITHDRAWN);
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("t", Number.class).longValue())
            .thenComparing(d -> String.valueOf(d.get("factId") != null ? d.get("factId") : d.get("_id")))
            .reversed();
    /** Encounters without a start (an end seen alone) sort last. */
    private static final Comparator<Document> ENCOUNTERS_NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("startT") == null ? Long.MIN_VALUE : d.get("startT", Number.class)
                    .longValue()).thenComparing(d -> d.getString("_id")).reversed();

    private SummarySelection() {
    }

    /** Active facts of a kind, once per code (the newest), newest first; facts without a code each count. */
    public static List<Document> activeOncePerCode(String kind, List<Document> facts) {
        Map<String, Document> byCode = new LinkedHashMap<>();
        facts.stream().filter(f -> kind.equals(f.getString("kind")))
                .filter(f -> Boolean.TRUE.equals(f.getBoolean("active"))).sorted(NEWEST_FIRST).forEach(fact -> {
                    Document code = fact.get("code", Document.class);
                    String key = code == null ? fact.getString("_id") : code.getString("system") + "|"
                            + code.getString("code");
                    byCode.putIfAbsent(key, fact);
                });
        return List.copyOf(byCode.values());
    }

    /** The shown facts of every kind a summary lists. */
    public static List<Document> shownFacts(List<Document> facts) {
        return FACT_KINDS.stream().flatMap(kind -> activeOncePerCode(kind, facts).stream()).toList();
    }

    /** The newest encounters that happened: a visit its source cancelled (HL7 A11) is not one of them. */
    public static List<Document> recentEncounters(List<Document> encounters) {
        return encounters.stream().filter(e -> !cancelled(e)).sorted(ENCOUNTERS_NEWEST_FIRST)
                .limit(RECENT_ENCOUNTERS).toList();
    }

    /**
     * Whether the visit did not happen: its source withdrew it (an HL7 A11) and did not start it again later in the
     * log, or sent it as FHIR status cancelled or entered-in-error. Measures leave it out too.
     */
    public static boolean cancelled(Document encounter) {
        Number cancel = encounter.get(CANCELLED_AT, Number.class);
        return (cancel != null && !after(encounter.get(STARTED_AT, Number.class), cancel))
                || sentAsVoid(encounter.getString("status"));
    }

    /** An encounter status (FHIR) saying the visit never happened: cancelled, or entered in error. */
    public static boolean sentAsVoid(String status) {
        return status != null && VOID_ENCOUNTER.contains(status.toLowerCase(Locale.ROOT));
    }

    /**
     * An immunization status (FHIR) saying no dose was given: refused or not done (HL7 RXA-20 RE/NA), or a record its
     * sender withdrew (entered in error, RXA-21 D).
     */
    public static boolean notGiven(String status) {
        return status != null && NOT_GIVEN.contains(status.toLowerCase(Locale.ROOT));
    }

    /** Where the patient of the visit is: where a transfer later than the admission put them, else admitted to. */
    public static String location(Document encounter) {
        Number moved = encounter.get(MOVED_AT, Number.class);
        return moved != null && !after(encounter.get(STARTED_AT, Number.class), moved)
                ? encounter.getString(MOVED_TO) : encounter.getString("location");
    }

    /** Whether position {@code a} (null: none) is later in the log than {@code b}. */
    private static boolean after(Number a, Number b) {
        return a != null && a.longValue() > b.longValue();
    }
}
