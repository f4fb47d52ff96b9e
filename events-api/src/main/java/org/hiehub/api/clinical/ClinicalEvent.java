package org.hiehub.api.clinical;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.hiehub.api.identity.SourceRecordId;

/**
 * A clinical fact one source said about one of its patients. Facts belong to the source record (never to a
 * master patient, so linking and merging never rewrite them) and keep the original as sent next to the parsed
 * form. {@code factId} is deterministic per message and position, so a re-sent message yields the same ids.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "@fact")
@JsonSubTypes({
        @JsonSubTypes.Type(ObservationRecorded.class), @JsonSubTypes.Type(EncounterStarted.class),
        @JsonSubTypes.Type(EncounterEnded.class), @JsonSubTypes.Type(ConditionRecorded.class),
        @JsonSubTypes.Type(MedicationRecorded.class), @JsonSubTypes.Type(AllergyRecorded.class),
        @JsonSubTypes.Type(ImmunizationRecorded.class), @JsonSubTypes.Type(EncounterCancelled.class),
        @JsonSubTypes.Type(DischargeCancelled.class), @JsonSubTypes.Type(EncounterTransferred.class),
        @JsonSubTypes.Type(TransferCancelled.class)})
public sealed interface ClinicalEvent permits ObservationRecorded, EncounterStarted, EncounterEnded,
        ConditionRecorded, MedicationRecorded, AllergyRecorded, ImmunizationRecorded, EncounterCancelled,
        DischargeCancelled, EncounterTransferred, TransferCancelled {

    SourceRecordId sourceRecordId();

    String factId();

    /** The ingested message that carried the fact (its raw payload is kept under this key). */
    String messageKey();
}
