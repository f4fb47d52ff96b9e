package org.hiehub.projections.clinical;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.projections.support.ViewText;
import org.hiehub.projections.terminology.CanonicalValue;
import org.hiehub.projections.terminology.NormalisedCode;

/** Builds the stored form of each fact: pure functions of the event, its origin and the tables in use. */
final class FactDocuments {

    /** FHIR statuses under which a medication is still being taken. */
    private static final Set<String> ACTIVE_MEDICATION = Set.of("active", "on-hold", "intended", "recorded");
    /** FHIR condition-clinical codes of a problem still present. */
    private static final Set<String> ACTIVE_CONDITION = Set.of("active", "recurrence", "relapse");
    private static final Set<String> VOID_ALLERGY = Set.of("entered-in-error", "refuted");

    private FactDocuments() {
    }

    static Document result(ObservationRecorded e, CanonicalValue canonical, String sourceSystem, Instant at) {
        String valueAsSent = e.quantity() != null ? e.quantity().valueAsSent()
                : e.valueConcept() != null ? conceptText(e.valueConcept()) : e.valueText();
        Document result = new Document("factId", e.factId()).append("t", FactTime.millis(at))
                .append("time", FactTime.iso(at))
                .append("value", canonical == null || canonical.value() == null ? null
                        : canonical.value().doubleValue())
                .append("unit", canonical == null ? null : canonical.unit())
                .append("converted", canonical != null && canonical.converted())
                .append("comparator", e.quantity() == null ? null : e.quantity().comparator());
        return ViewText.put(result, "valueAsSent", valueAsSent)
                .append("unitAsSent", e.quantity() == null ? null : e.quantity().unitAsSent())
                .append("referenceRange", e.referenceRange())
                .append("abnormal", AbnormalFlag.of(e.abnormalFlag(), e.referenceRange(),
                        e.quantity() == null ? null : e.quantity().value()))
                .append("abnormalFlagAsSent", e.abnormalFlag())
                .append("status", e.status()).append("sourceSystem", sourceSystem);
    }

    static Document medication(MedicationRecorded e, NormalisedCode code, Instant at) {
        boolean active = e.status() == null ? e.effectiveEnd() == null
                : ACTIVE_MEDICATION.contains(e.status().toLowerCase(Locale.ROOT));
        return fact("medication", code, at, active).append("status", e.status()).append("medicationKind", e.kind())
                .append("intent", e.intent()).append("dosageText", e.dosageText())
                .append("encounterId", e.encounterId());
    }

    static Document allergy(AllergyRecorded e, NormalisedCode code, Instant at) {
        boolean active = !(e.verificationStatus() != null
                && VOID_ALLERGY.contains(e.verificationStatus().toLowerCase(Locale.ROOT)))
                && !(e.clinicalStatus() != null && !"active".equalsIgnoreCase(e.clinicalStatus()));
        return fact("allergy", code, at, active).append("type", e.type()).append("categories", e.categories())
                .append("criticality", e.criticality()).append("clinicalStatus", e.clinicalStatus())
                .append("verificationStatus", e.verificationStatus())
                .append("reactions", e.reactions().stream().map(FactDocuments::conceptText).toList());
    }

    static Document condition(ConditionRecorded e, NormalisedCode code, Instant at) {
        boolean active = e.abatement() == null && (e.clinicalStatus() == null
                || ACTIVE_CONDITION.contains(e.clinicalStatus().toLowerCase(Locale.ROOT)));
        return fact("condition", code, at, active).append("clinicalStatus", e.clinicalStatus())
                .append("verificationStatus", e.verificationStatus())
                .append("abatement", e.abatement() == null ? null : e.abatement().asSent())
                .append("encounterId", e.encounterId());
    }

    static Document immunization(ImmunizationRecorded e, NormalisedCode code, Instant at) {
        return fact("immunization", code, at, !SummarySelection.notGiven(e.status()))
                .append("status", e.status()).append("encounterId", e.encounterId());
    }

    private static Document fact(String kind, NormalisedCode code, Instant at, boolean active) {
        return new Document("kind", kind).append("code", code == null ? null : LatestLabs.codeDocument(code))
                .append("time", FactTime.iso(at)).append("t", FactTime.millis(at)).append("active", active);
    }

    static String conceptText(org.hiehub.api.clinical.Concept concept) {
        if (concept == null) {
            return null;
        }
        if (concept.text() != null) {
            return concept.text();
        }
        return concept.codings().stream().map(c -> c.display() != null ? c.display() : c.code())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
