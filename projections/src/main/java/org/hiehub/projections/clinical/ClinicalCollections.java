package org.hiehub.projections.clinical;

/**
 * Collection names of the clinical read model; the query side reads the same names. Every document belongs to
 * one source record (facts stay with the record that sent them), so linking, unlinking and merging master
 * patients never rewrites them: the query side merges the records a summary lists at read time.
 */
public final class ClinicalCollections {

    /** One document per (source record, normalised code): the latest and previous value, trend, abnormal flag. */
    public static final String LATEST_LABS = "clinical_latest_labs";
    /** One document per medication, allergy, condition and immunization fact, {@code _id} = factId. */
    public static final String FACTS = "clinical_facts";
    /** One document per (source record, encounter id), started and ended by separate events. */
    public static final String ENCOUNTERS = "clinical_encounters";
    /** Per source record: the ids of its documents in the three collections above (see RecordIndex). */
    public static final String RECORD_INDEX = "clinical_record_index";
    /**
     * Per source record: its latest-lab documents, newest active facts per code and newest encounters, rebuilt
     * from the collections above per batch (see RecordSummaries); what a patient summary reads.
     */
    public static final String RECORD_SUMMARIES = "clinical_record_summaries";
    /** Working state: each message's source system and receipt time, which its facts do not carry. */
    public static final String MESSAGES = "clinical_messages";

    /** Tombstones of erased source records (see ErasedRecords). */
    public static final String ERASED = "clinical_erased";

    private ClinicalCollections() {
    }
}
