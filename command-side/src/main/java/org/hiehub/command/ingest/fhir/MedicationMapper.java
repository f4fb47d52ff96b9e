package org.hiehub.command.ingest.fhir;

import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;

/**
 * FHIR MedicationRequest (kind REQUEST) and MedicationStatement (kind STATEMENT) to {@link MedicationRecorded}.
 * The medication is medication[x]: a CodeableConcept, or a reference to a contained or bundled Medication whose
 * code is taken. Only the first dosage is kept as fields; the raw payload has the rest.
 */
final class MedicationMapper {

    static final String REQUEST = "REQUEST";
    static final String STATEMENT = "STATEMENT";

    private MedicationMapper() {
    }

    static FactDraft request(MedicationRequest r, EntryContext context) {
        Concept medication = r.hasMedication() ? context.medication(r.getMedication()) : null;
        String status = FhirValues.code(r.getStatusElement());
        String intent = FhirValues.code(r.getIntentElement());
        ClinicalTime authoredOn = r.hasAuthoredOnElement() ? FhirTimes.time(r.getAuthoredOnElement()) : null;
        var validity = r.hasDispenseRequest() && r.getDispenseRequest().hasValidityPeriod()
                ? r.getDispenseRequest().getValidityPeriod() : null;
        ClinicalTime start = FhirTimes.time(validity);
        ClinicalTime end = FhirTimes.end(validity);
        Dosage dosage = r.hasDosageInstruction() ? r.getDosageInstructionFirstRep() : null;
        String encounterId = r.hasEncounter() ? context.referencedId(r.getEncounter()) : null;
        return (record, messageKey, factId) -> new MedicationRecorded(record, factId, messageKey, REQUEST, medication,
                status, intent, authoredOn, start, end, dosageText(dosage), dose(dosage), encounterId);
    }

    static FactDraft statement(MedicationStatement s, EntryContext context) {
        Concept medication = s.hasMedication() ? context.medication(s.getMedication()) : null;
        String status = FhirValues.code(s.getStatusElement());
        ClinicalTime asserted = s.hasDateAssertedElement() ? FhirTimes.time(s.getDateAssertedElement()) : null;
        ClinicalTime start = s.hasEffective() ? FhirTimes.time(s.getEffective()) : null;
        ClinicalTime end = s.hasEffective() ? FhirTimes.end(s.getEffective()) : null;
        Dosage dosage = s.hasDosage() ? s.getDosageFirstRep() : null;
        String encounterId = s.hasContext() ? context.referencedId(s.getContext()) : null;
        return (record, messageKey, factId) -> new MedicationRecorded(record, factId, messageKey, STATEMENT,
                medication, status, null, asserted, start, end, dosageText(dosage), dose(dosage), encounterId);
    }

    private static String dosageText(Dosage dosage) {
        return dosage != null && dosage.hasText() ? dosage.getText() : null;
    }

    private static Measurement dose(Dosage dosage) {
        if (dosage == null || !dosage.hasDoseAndRate() || !dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            return null;
        }
        return FhirValues.measurement(dosage.getDoseAndRateFirstRep().getDoseQuantity());
    }
}
