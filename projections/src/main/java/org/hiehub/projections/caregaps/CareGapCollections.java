package org.hiehub.projections.caregaps;

/** Collection names of the care-gap read model; the query side reads the same names. */
public final class CareGapCollections {

    /**
     * One document per source record: the evidence the rules need (diagnoses present, the time of the latest
     * HbA1c, blood pressure, stool test, influenza vaccine), each kept with $set/$max so that updates commute.
     */
    public static final String EVIDENCE = "caregap_evidence";
    /** {@code _id: "clock"}: the latest event time seen, the default "as of" time of an evaluation. */
    public static final String STATE = "caregap_state";
    /** Working state: each message's source system and receipt time. */
    public static final String MESSAGES = "caregap_messages";

    /** Tombstones of erased source records (see ErasedRecords). */
    public static final String ERASED = "caregap_erased";

    private CareGapCollections() {
    }
}
