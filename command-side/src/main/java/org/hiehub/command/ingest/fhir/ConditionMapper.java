package org.hiehub.command.ingest.fhir;

import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Condition;

/**
 * FHIR Condition to {@link ConditionRecorded}; onset and abatement given as text are kept as sent, given as an age
 * they are left to the raw payload.
 */
final class ConditionMapper {

    private ConditionMapper() {
    }

    static FactDraft map(Condition c, EntryContext context) {
        Concept code = FhirValues.concept(c.getCode());
        Concept category = FhirValues.merged(c.getCategory());
        String clinicalStatus = FhirValues.code(c.getClinicalStatus());
        String verificationStatus = FhirValues.code(c.getVerificationStatus());
        ClinicalTime onset = c.hasOnset() ? FhirTimes.time(c.getOnset()) : null;
        ClinicalTime abatement = c.hasAbatement() ? FhirTimes.time(c.getAbatement()) : null;
        ClinicalTime recorded = c.hasRecordedDateElement() ? FhirTimes.time(c.getRecordedDateElement()) : null;
        String encounterId = c.hasEncounter() ? context.referencedId(c.getEncounter()) : null;
        return (record, messageKey, factId) -> new ConditionRecorded(record, factId, messageKey, code, category,
                clinicalStatus, verificationStatus, onset, abatement, recorded, encounterId);
    }
}
