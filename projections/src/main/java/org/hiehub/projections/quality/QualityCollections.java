package org.hiehub.projections.quality;

/** Collection names of the data-quality read model; the query side reads the same names. */
public final class QualityCollections {

    /**
     * One document per received message (accepted: {@code a:<messageKey>}, rejected: {@code r:<deadLetterId>})
     * with its source system, UTC day, outcome, band, scores and findings. Keyed by message, so a re-delivered
     * event overwrites instead of counting twice; the query side sums them per source and day.
     */
    public static final String MESSAGES = "quality_messages";

    private QualityCollections() {
    }
}
