package org.hiehub.projections.caregaps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.clinical.ImmunizationDoses;

/**
 * The care-gap rules: a pure function of a patient's evidence (from all linked source records), birth date and
 * the time to evaluate at. Callers pass an event time (the latest the projection saw) or an explicit date, never
 * the wall clock, so the same data always gives the same gaps.
 */
public final class CareGapRules {

    /** Evidence fields: a record's influenza doses, and its sender's withdrawals, each by fact id. */
    static final String FLU_DOSES = "influenzaDoses";
    static final String FLU_WITHDRAWALS = "influenzaWithdrawals";

    private CareGapRules() {
    }

    public static List<CareGap> evaluate(List<Document> evidence, LocalDate birthDate, Instant asOf) {
        ZonedDateTime now = asOf.atZone(ZoneOffset.UTC);
        List<CareGap> gaps = new ArrayList<>();
        Long hba1c = latest(evidence, "lastHbA1c");
        // ADA Standards of Care in Diabetes (section 6, Glycemic Goals): A1C at least twice a year, i.e. within
        // 6 months, in patients meeting treatment goals (quarterly otherwise).
        if (any(evidence, "diabetes") && olderThan(hba1c, now.minusMonths(6))) {
            gaps.add(new CareGap("diabetes-hba1c", "Diabetes without an HbA1c (LOINC 4548-4) in the last 6 months",
                    "ADA Standards of Care in Diabetes", iso(hba1c)));
        }
        Long bp = latest(evidence, "lastBloodPressure");
        // 2017 ACC/AHA High Blood Pressure Guideline: adults with hypertension are followed up with BP measurement
        // at least yearly once at goal (also the NCQA HEDIS Controlling High Blood Pressure look-back).
        if (any(evidence, "hypertension") && olderThan(bp, now.minusMonths(12))) {
            gaps.add(new CareGap("hypertension-bp", "Hypertension without a blood pressure in the last 12 months",
                    "2017 ACC/AHA High Blood Pressure Guideline", iso(bp)));
        }
        Integer age = birthDate == null ? null : Period.between(birthDate, now.toLocalDate()).getYears();
        Long stool = latest(evidence, "lastStoolTest");
        Long stoolDna = latest(evidence, "lastStoolDna");
        // USPSTF 2021 Colorectal Cancer Screening (grade A for 50-75): FIT/gFOBT yearly, FIT-DNA every 1-3 years.
        // Colonoscopy (every 10 years) is a procedure, which the hub does not ingest yet, so it cannot close the gap.
        if (age != null && age >= 50 && age <= 75 && olderThan(stool, now.minusYears(1))
                && olderThan(stoolDna, now.minusYears(3))) {
            gaps.add(new CareGap("colorectal-screening", "Age 50-75 without colorectal cancer screening on record",
                    "USPSTF Colorectal Cancer Screening (2021)", iso(max(stool, stoolDna))));
        }
        Long flu = latestInfluenzaDose(evidence);
        // CDC ACIP: routine annual influenza vaccination of everyone aged 6 months or older. The season is taken
        // to start on July 1 (as in CDC's season reporting and HEDIS), so a vaccine since then counts.
        boolean sixMonthsOld = birthDate == null || !birthDate.plusMonths(6).isAfter(now.toLocalDate());
        if (sixMonthsOld && olderThan(flu, seasonStart(now))) {
            gaps.add(new CareGap("influenza-immunization", "No influenza immunization this season",
                    "CDC ACIP influenza vaccination recommendations", iso(flu)));
        }
        return gaps;
    }

    static ZonedDateTime seasonStart(ZonedDateTime now) {
        int year = now.getMonthValue() >= 7 ? now.getYear() : now.getYear() - 1;
        return LocalDate.of(year, 7, 1).atStartOfDay(ZoneOffset.UTC);
    }

    /**
     * The newest influenza dose that its sender did not withdraw, each record's withdrawals applied to its own doses;
     * or the newest time a view built before doses were kept recorded ({@code lastInfluenzaVaccine}).
     */
    static Long latestInfluenzaDose(List<Document> evidence) {
        Long latest = latest(evidence, "lastInfluenzaVaccine");
        for (Document record : evidence) {
            Document doses = record.get(FLU_DOSES, Document.class);
            if (doses == null) {
                continue;
            }
            Document withdrawals = record.get(FLU_WITHDRAWALS, Document.class);
            List<Document> withdrawn = withdrawals == null ? List.of()
                    : withdrawals.values().stream().map(Document.class::cast).toList();
            for (Object value : doses.values()) {
                Document dose = (Document) value;
                Number t = dose.get("t", Number.class);
                if (t != null && !ImmunizationDoses.withdrawn(dose, withdrawn)) {
                    latest = max(latest, t.longValue());
                }
            }
        }
        return latest;
    }

    private static boolean any(List<Document> evidence, String flag) {
        return evidence.stream().anyMatch(e -> Boolean.TRUE.equals(e.getBoolean(flag)));
    }

    private static Long latest(List<Document> evidence, String field) {
        return evidence.stream().map(e -> e.get(field, Number.class)).filter(java.util.Objects::nonNull)
                .map(Number::longValue).max(Long::compare).orElse(null);
    }

    private static boolean olderThan(Long millis, ZonedDateTime cutoff) {
        return millis == null || millis < cutoff.toInstant().toEpochMilli();
    }

    private static Long max(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a; // no unboxing: either may be null
        }
        return Long.valueOf(Math.max(a, b));
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
