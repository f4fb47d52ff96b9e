package org.hiehub.command.ingest.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hiehub.api.identity.Demographics;
import org.hiehub.command.ingest.ParsedMessage;

/** Quality rules on a patient's demographics. Findings name the field and the rule, never the value. */
final class DemographicRules {

    private static final LocalDate EARLIEST_PLAUSIBLE_BIRTH = LocalDate.of(1880, 1, 1);

    private DemographicRules() {
    }

    static void check(ParsedMessage.PatientPart patient, Instant receivedAt, RuleBasedQualityScorer.Tally tally) {
        if (patient.factsOnly()) {
            return; // facts for a patient of an earlier message: its demographics were judged with it
        }
        Demographics d = patient.demographics();
        tally.check("completeness", patient.localId() != null && !patient.localId().isBlank(),
                "patient identifier missing");
        if (d == null) {
            tally.check("completeness", false, "patient demographics missing");
            return;
        }
        boolean hasFamily = d.names().stream().anyMatch(n -> n.family() != null && !n.family().isBlank());
        boolean hasGiven = d.names().stream().anyMatch(n -> !n.given().isEmpty());
        tally.check("completeness", hasFamily, "family name missing");
        tally.check("completeness", hasGiven, "given name missing");
        tally.check("completeness", d.birthDate() != null, "birth date missing");
        tally.check("completeness", d.administrativeSex() != null, "administrative sex missing");
        tally.check("completeness", !d.addresses().isEmpty(), "address missing");
        LocalDate today = receivedAt.atZone(ZoneOffset.UTC).toLocalDate();
        if (d.birthDate() != null) {
            // A future birth date makes the whole record suspect: weigh it like several ordinary checks.
            tally.possible("accuracy", !d.birthDate().isAfter(today), 6, "birth date is in the future");
            tally.check("accuracy", !d.birthDate().isBefore(EARLIEST_PLAUSIBLE_BIRTH), 3,
                    "birth date is implausibly early");
        }
        if (d.birthDate() != null && d.deceasedDate() != null) {
            tally.possible("consistency", !d.deceasedDate().isBefore(d.birthDate()), 3,
                    "deceased date is before birth date");
        }
        if (d.deceasedDate() != null) {
            tally.possible("accuracy", !d.deceasedDate().isAfter(today), 3, "deceased date is in the future");
        }
    }
}
