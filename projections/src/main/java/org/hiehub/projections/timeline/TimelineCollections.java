package org.hiehub.projections.timeline;

/** Collection names of the timeline read model; the query side reads the same names. */
public final class TimelineCollections {

    /**
     * One entry per clinical fact, {@code _id} = factId, with {@code t} (epoch millis of the fact's time) for
     * newest-first keyset paging on (t, _id).
     */
    public static final String ENTRIES = "timeline_entries";
    /** Per source record: the UTC days it has entries on (see {@link TimelineKeys}). */
    public static final String RECORD_INDEX = "timeline_record_index";
    /** Per source record and day: one key per entry, what a page is chosen by (see {@link TimelineKeys}). */
    public static final String KEYS = "timeline_keys";
    /** Working state: each message's source system and receipt time. */
    public static final String MESSAGES = "timeline_messages";

    /** Tombstones of erased source records (see ErasedRecords): facts of theirs that arrive later stay out. */
    public static final String ERASED = "timeline_erased";

    /** One version of the timeline: everything a blue/green rebuild builds anew. */
    public static final java.util.List<String> ALL = java.util.List.of(ENTRIES, RECORD_INDEX, KEYS, MESSAGES,
            ERASED);

    private TimelineCollections() {
    }
}
