package org.hiehub.projections.review;

/** Collection names of the MPI review-queue read model; the query side reads the same names. */
public final class ReviewCollections {

    /** One document per (source record, candidate master patient) pair a steward should look at. */
    public static final String ITEMS = "mpi_review_items";
    /** The projection's own copy of each source record, so an item can show both records side by side. */
    public static final String RECORDS = "mpi_review_records";

    /** Tombstones of erased source records and master patients (see ErasedRecords). */
    public static final String ERASED = "mpi_review_erased";

    private ReviewCollections() {
    }
}
