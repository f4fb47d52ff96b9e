package org.hiehub.query.measures;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The LACE index of readmission risk (van Walraven et al., CMAJ 2010) for one stay: Length of stay, Acuity of the
 * admission (through the emergency department), Comorbidity (Charlson index) and Emergency department visits in
 * the six months before. 0-19 points; 10 or more is the usual "high risk" cut-off, under 5 low.
 * A pure function of the patient's encounters and problems and of the time to evaluate at.
 */
final class Lace {

    /** FHIR admit-source "emd", HL7 v2 table 0023 "7" (emergency room). */
    private static final Set<String> EMERGENCY_ADMIT = Set.of("emd", "7", "er", "ed");
    private static final Set<String> EMERGENCY_CLASS = Set.of("emer", "emergency", "e");

    private Lace() {
    }

    /**
     * @param stay      the inpatient encounter (startT, end/endAsReported, admitSource)
     * @param encounters all the patient's encounters (for ED visits)
     * @param conditions the patient's active coded problems
     * @param asOf       the time to measure an ongoing stay to
     */
    static Document score(Document stay, List<Document> encounters, List<Document> conditions, Instant asOf) {
        long start = stay.get("startT", Number.class).longValue();
        Instant end = end(stay);
        Instant until = end != null ? end : asOf;
        long days = until == null ? 0 : Math.max(0, Duration.between(Instant.ofEpochMilli(start), until).toDays());
        int l = days < 1 ? 0 : days <= 3 ? (int) days : days <= 6 ? 4 : days <= 13 ? 5 : 7;
        long dayBefore = start - Duration.ofDays(1).toMillis();
        boolean viaEmergency = isEmergencyAdmit(stay.getString("admitSource")) || encounters.stream()
                .anyMatch(e -> isEmergency(e) && startT(e) >= dayBefore && startT(e) <= start);
        int a = viaEmergency ? 3 : 0;
        Map<String, Integer> comorbidities = Charlson.categories(conditions);
        int charlson = Charlson.index(comorbidities);
        int c = charlson >= 4 ? 5 : charlson;
        long sixMonthsBefore = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).minusMonths(6).toInstant()
                .toEpochMilli();
        // visits in the six months before, except the one that led to this admission (that is acuity)
        long edVisits = encounters.stream().filter(Lace::isEmergency)
                .filter(e -> startT(e) >= sixMonthsBefore && startT(e) < dayBefore).count();
        int e = (int) Math.min(4, edVisits);
        int total = l + a + c + e;
        return new Document("score", total).append("risk", total >= 10 ? "high" : total >= 5 ? "moderate" : "low")
                .append("lengthOfStayDays", days).append("ongoing", end == null)
                .append("components", new Document("L", l).append("A", a).append("C", c).append("E", e))
                .append("charlsonIndex", charlson).append("comorbidities", new Document(Map.copyOf(comorbidities)))
                .append("emergencyVisits6Months", edVisits);
    }

    static Instant end(Document encounter) {
        String end = encounter.getString("end") != null ? encounter.getString("end")
                : encounter.getString("endAsReported");
        return end == null ? null : Instant.parse(end);
    }

    private static boolean isEmergencyAdmit(String admitSource) {
        return admitSource != null && EMERGENCY_ADMIT.contains(admitSource.toLowerCase(Locale.ROOT));
    }

    private static boolean isEmergency(Document encounter) {
        String encounterClass = encounter.getString("encounterClass");
        return encounterClass != null && EMERGENCY_CLASS.contains(encounterClass.toLowerCase(Locale.ROOT))
                && encounter.get("startT") != null;
    }

    private static long startT(Document encounter) {
        return encounter.get("startT", Number.class).longValue();
    }
}
