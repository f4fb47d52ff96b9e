package org.hiehub.command.ingest.quality;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.Demographics;

/** Quality rules on clinical facts: codes and times present, plausible values, order in time, no repeats. */
final class FactRules {

    /** Clocks of senders drift; a fact up to a day "in the future" is tolerated. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private FactRules() {
    }

    static void check(List<ClinicalEvent> facts, Demographics patient, Instant receivedAt, int maxAgeDays,
                      PlausibleRanges ranges, RuleBasedQualityScorer.Tally tally) {
        Set<String> seen = new HashSet<>();
        LocalDate birth = patient == null ? null : patient.birthDate();
        for (ClinicalEvent fact : facts) {
            ClinicalTime when = timeOf(fact);
            if (fact instanceof ObservationRecorded o) {
                observation(o, ranges, tally);
                tally.check("uniqueness", seen.add(signature(o)), "observation repeated within the message");
            } else if (fact instanceof EncounterStarted e) {
                tally.check("completeness", e.start() != null, "encounter start time missing");
                if (e.start() != null && e.end() != null && e.start().instant() != null && e.end().instant() != null) {
                    tally.possible("consistency", !e.end().instant().isBefore(e.start().instant()), 3,
                            "encounter ends before it starts");
                }
            } else if (fact instanceof ConditionRecorded c) {
                tally.check("completeness", c.code() != null && !c.code().codings().isEmpty(), "condition code missing");
            }
            if (when != null) {
                Instant at = instantOf(when);
                boolean notFuture = at == null || !at.isAfter(receivedAt.plus(CLOCK_SKEW));
                if (fact instanceof EncounterStarted) {
                    // an encounter may be planned ahead; a result or a diagnosis cannot be
                    tally.check("accuracy", notFuture, 3, "fact time is in the future");
                } else {
                    tally.possible("accuracy", notFuture, 3, "fact time is in the future");
                }
                tally.check("timeliness", at == null || !at.isBefore(receivedAt.minus(Duration.ofDays(maxAgeDays))),
                        "fact is older than " + maxAgeDays + " days on arrival");
                LocalDate date = when.date() != null ? when.date() : at == null ? null
                        : at.atZone(ZoneOffset.UTC).toLocalDate();
                if (birth != null && date != null) {
                    tally.possible("consistency", !date.isBefore(birth), 3, "fact dated before the patient's birth");
                }
            }
        }
    }

    private static void observation(ObservationRecorded o, PlausibleRanges ranges,
                                    RuleBasedQualityScorer.Tally tally) {
        tally.check("completeness", o.code() != null && !o.code().codings().isEmpty(), "observation code missing");
        tally.check("completeness", o.effective() != null, "observation time missing");
        tally.check("completeness", o.quantity() != null || o.valueConcept() != null
                || (o.valueText() != null && !o.valueText().isBlank()), "observation value missing");
        if (o.quantity() != null && o.quantity().value() != null && o.code() != null) {
            o.code().codings().stream().map(c -> c.code()).filter(c -> c != null).findFirst()
                    .flatMap(code -> ranges.violation(code, o.quantity()))
                    .ifPresentOrElse(v -> tally.possible("accuracy", false, 6, v),
                            () -> tally.check("accuracy", true, "observation value out of range"));
        }
    }

    private static String signature(ObservationRecorded o) {
        return String.valueOf(o.code()) + '|' + o.effective() + '|' + o.quantity() + '|' + o.valueText()
                + '|' + o.valueConcept();
    }

    private static ClinicalTime timeOf(ClinicalEvent fact) {
        if (fact instanceof ObservationRecorded o) {
            return o.effective();
        }
        if (fact instanceof EncounterStarted e) {
            return e.start();
        }
        if (fact instanceof ConditionRecorded c) {
            return c.onset() != null ? c.onset() : c.recorded();
        }
        return null;
    }

    private static Instant instantOf(ClinicalTime time) {
        if (time.instant() != null) {
            return time.instant();
        }
        return time.date() == null ? null : time.date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
