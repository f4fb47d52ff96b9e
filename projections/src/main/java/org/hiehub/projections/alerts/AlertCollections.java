package org.hiehub.projections.alerts;

/** Collection names of the alerts read model; the query side reads the same names. */
public final class AlertCollections {

    /**
     * One document per alert, {@code _id} deterministic (rule + the facts that raised it), {@code position} the
     * event-log position of the event that raised it: the feed's and the live stream's order.
     */
    public static final String ALERTS = "alerts";
    /** Per source record: the ids of its alerts (see RecordIndex). */
    public static final String RECORD_INDEX = "alert_record_index";
    /**
     * Working state: per source record, the medications and allergies the drug–allergy table knows, and the
     * admissions and admission cancellations (named for the first use; the collection is kept for existing stores).
     */
    public static final String DRUG_ALLERGY_STATE = "alert_drug_allergy_state";
    /** Working state: each message's source system and receipt time. */
    public static final String MESSAGES = "alert_messages";

    /** Tombstones of erased source records (see ErasedRecords). */
    public static final String ERASED = "alert_erased";

    private AlertCollections() {
    }
}
