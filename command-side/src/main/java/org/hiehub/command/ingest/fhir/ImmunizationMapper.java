package org.hiehub.command.ingest.fhir;

import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Immunization;

/** FHIR Immunization to {@link ImmunizationRecorded}; an occurrence given only as text stays in the raw payload. */
final class ImmunizationMapper {

    private ImmunizationMapper() {
    }

    static FactDraft map(Immunization i, EntryContext context) {
        Concept vaccine = FhirValues.concept(i.getVaccineCode());
        String status = FhirValues.code(i.getStatusElement());
        ClinicalTime occurrence = i.hasOccurrence() ? FhirTimes.time(i.getOccurrence()) : null;
        String lot = i.hasLotNumber() ? i.getLotNumber() : null;
        String encounterId = i.hasEncounter() ? context.referencedId(i.getEncounter()) : null;
        return (record, messageKey, factId) -> new ImmunizationRecorded(record, factId, messageKey, vaccine, status,
                occurrence, lot, encounterId);
    }
}
