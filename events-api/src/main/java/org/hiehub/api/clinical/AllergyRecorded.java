package org.hiehub.api.clinical;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/** An allergy or intolerance (HL7 AL1/IAM; FHIR AllergyIntolerance). */
@Revision("1")
public record AllergyRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                              Concept substance, String type, List<String> categories, String criticality,
                              String clinicalStatus, String verificationStatus, List<Concept> reactions,
                              ClinicalTime onset, ClinicalTime recorded) implements ClinicalEvent {

    public AllergyRecorded {
        categories = categories == null ? List.of() : List.copyOf(categories);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }
}
