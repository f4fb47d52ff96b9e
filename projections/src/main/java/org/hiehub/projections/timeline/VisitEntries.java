package org.hiehub.projections.timeline;

/**
 * The timeline entry types of a visit's words, as the projection writes them and the FHIR facade joins them into
 * one encounter: its start, end, transfers, and the cancellations of each.
 */
public final class VisitEntries {

    public static final String START = "encounter";
    public static final String END = "encounter-end";
    public static final String TRANSFER = "encounter-transfer";
    public static final String TRANSFER_CANCELLED = "transfer-cancelled";
    public static final String DISCHARGE_CANCELLED = "discharge-cancelled";
    public static final String CANCELLED = "encounter-cancelled";

    private VisitEntries() {
    }
}
