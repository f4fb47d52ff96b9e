package org.hiehub.command.ingest.fhir;

import java.util.function.Supplier;

/**
 * Hands the {@link EntryOutline} of the message being ingested from the parser to the REST layer that builds the
 * FHIR response, without a second parse. The pipeline parses on the caller's thread, so a thread-bound slot,
 * opened and closed around the call, is enough; outside a capture the parser's offer is ignored.
 */
final class OutlineCapture {

    private static final ThreadLocal<EntryOutline[]> SLOT = new ThreadLocal<>();

    record Captured<T>(T result, EntryOutline outline) {
    }

    private OutlineCapture() {
    }

    static <T> Captured<T> around(Supplier<T> work) {
        EntryOutline[] slot = new EntryOutline[1];
        SLOT.set(slot);
        try {
            T result = work.get();
            return new Captured<>(result, slot[0]);
        } finally {
            SLOT.remove();
        }
    }

    static void offer(EntryOutline outline) {
        EntryOutline[] slot = SLOT.get();
        if (slot != null) {
            slot[0] = outline;
        }
    }
}
