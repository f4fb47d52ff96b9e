package org.hiehub.command.ingest.fhir;

import java.util.List;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.AllergyIntolerance;

/** FHIR AllergyIntolerance to {@link AllergyRecorded}; the reactions are the manifestations of every reaction. */
final class AllergyMapper {

    private AllergyMapper() {
    }

    static FactDraft map(AllergyIntolerance a) {
        Concept substance = FhirValues.concept(a.getCode());
        String type = FhirValues.code(a.getTypeElement());
        List<String> categories = a.getCategory().stream().map(FhirValues::code).filter(c -> c != null).toList();
        String criticality = FhirValues.code(a.getCriticalityElement());
        String clinicalStatus = FhirValues.code(a.getClinicalStatus());
        String verificationStatus = FhirValues.code(a.getVerificationStatus());
        List<Concept> reactions = a.getReaction().stream().flatMap(r -> r.getManifestation().stream())
                .map(FhirValues::concept).filter(c -> c != null).toList();
        ClinicalTime onset = a.hasOnset() ? FhirTimes.time(a.getOnset()) : null;
        ClinicalTime recorded = a.hasRecordedDateElement() ? FhirTimes.time(a.getRecordedDateElement()) : null;
        return (record, messageKey, factId) -> new AllergyRecorded(record, factId, messageKey, substance, type,
                categories, criticality, clinicalStatus, verificationStatus, reactions, onset, recorded);
    }
}
