package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * A vaccine given or reported (HL7 RXA in VXU; FHIR Immunization), never with null {@code details}.
 * {@code recordId}: the sender's own id of this immunization record, by which a later message withdraws it (HL7
 * ORC-3 filler order number, else ORC-2; a FHIR Immunization's first identifier, else its id), or null when the
 * sender gave none.
 *
 * <p>Revision 2 added {@code details}; {@code ImmunizationDetailsUpcaster} reads an event stored at revision 1 as
 * saying nothing of them ({@link ImmunizationDetails#NONE}): what it was sent with stays in the raw message, and
 * re-processing that message records them. Revision 3 added {@code recordId}; {@code ImmunizationRecordIdUpcaster}
 * reads an earlier event as naming none.
 */
@Revision("3")
public record ImmunizationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                   Concept vaccine, String status, ClinicalTime occurrence, String lotNumber,
                                   String encounterId, ImmunizationDetails details, String recordId)
        implements ClinicalEvent {

    public ImmunizationRecorded {
        details = details == null ? ImmunizationDetails.NONE : details;
    }

    /** Saying nothing beyond the vaccine, its status, time, lot and visit (the shape of revision 1). */
    public ImmunizationRecorded(SourceRecordId sourceRecordId, String factId, String messageKey, Concept vaccine,
                                String status, ClinicalTime occurrence, String lotNumber, String encounterId) {
        this(sourceRecordId, factId, messageKey, vaccine, status, occurrence, lotNumber, encounterId,
                ImmunizationDetails.NONE, null);
    }
}
