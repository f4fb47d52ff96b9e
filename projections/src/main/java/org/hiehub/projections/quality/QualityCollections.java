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
     * Per source record: its {@link #RECORD_BUCKETS} (see {@link RecordQuality}); an index written before those
     * listed the keys of the messages themselves.
     */
    public static final String RECORD_MESSAGES = "quality_record_messages";

    /**
     * Per source record, in up to 256 buckets: the score and band of each accepted message that carried its
     * clinical facts, so that a patient summary can show the quality of the data it is built from (see
     * {@link RecordQuality}).
     */
    public static final String RECORD_BUCKETS = "quality_record_buckets";

    /** Tombstones of erased source records (see ErasedRecords). */
    public static final String ERASED = "quality_erased";

    private QualityCollections() {
    }
}
