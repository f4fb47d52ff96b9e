package org.hiehub.projections.quality;

/** Collection names of the data-quality read model; the query side reads the same names. */
public final class QualityCollections {

    /**
     * One document per received message (accepted: {@code a:<messageKey>}, rejected: {@code r:<deadLetterId>})
     * with its source system, UTC day, outcome, band, scores and findings. Keyed by message, so a re-delivered
     * event overwrites instead of counting twice; the query side sums them per source and day.
     */
    public static final String MESSAGES = "quality_messages";

    /**
     * Per source record: the keys of the accepted messages that carried its clinical facts (see RecordIndex), so a
     * patient summary can show the quality of the data it is built from.
     */
    public static final String RECORD_MESSAGES = "quality_record_messages";

    /** Tombstones of erased source records (see ErasedRecords). */
    public static final String ERASED = "quality_erased";

    private QualityCollections() {
    }
}
