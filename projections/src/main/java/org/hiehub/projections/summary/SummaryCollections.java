package org.hiehub.projections.summary;

/** Collection names of the patient-summary read model; the query side reads the same names. */
public final class SummaryCollections {

    /** One document per master patient: what {@code GET /api/patients/{id}} returns. */
    public static final String SUMMARIES = "patient_summaries";
    /** Working state: each source record's latest demographics and link. */
    public static final String SOURCE_RECORDS = "summary_source_records";

    /** Tombstones of erased source records and master patients (see ErasedRecords). */
    public static final String ERASED = "summary_erased";

    /** One version of the patient-summary view: everything a blue/green rebuild builds anew. */
    public static final java.util.List<String> ALL = java.util.List.of(SUMMARIES, SOURCE_RECORDS, ERASED);

    private SummaryCollections() {
    }
}
