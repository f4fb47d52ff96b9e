package org.hiehub.query.fhir;

import static org.hiehub.projections.timeline.VisitEntries.CANCELLED;
import static org.hiehub.projections.timeline.VisitEntries.DISCHARGE_CANCELLED;
import static org.hiehub.projections.timeline.VisitEntries.END;
import static org.hiehub.projections.timeline.VisitEntries.START;
import static org.hiehub.projections.timeline.VisitEntries.TRANSFER;
import static org.hiehub.projections.timeline.VisitEntries.TRANSFER_CANCELLED;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.hiehub.query.timeline.TimelineQuery;

/**
 * An encounter as FHIR tells it: one resource with its period, status and location. The timeline keeps an HL7
 * admission (A01), its discharge (A03), transfers (A02) and their cancellations (A11, A13, A12) as entries of their
 * own, the way they arrived; the facade joins them to the admission by the source record and the visit id, so an
 * admission ended later shows {@code period.end} and status finished, one whose discharge was cancelled is in
 * progress again, one its source withdrew is cancelled, and one transferred is where the transfer put it. Of the
 * discharges and discharge cancellations of a visit, as of its transfers and their cancellations, the latest in
 * the event log stands (by the entries' positions; entries stored before positions were kept, by their time); a
 * cancellation stands unless the visit was started again later in the log. The joined entries are not resources.
 */
final class EncounterEnds {

    private static final List<String> WORDS = List.of(END, DISCHARGE_CANCELLED, CANCELLED, TRANSFER,
            TRANSFER_CANCELLED);
    private static final Set<String> ACTIVE = Set.of("in-progress", "arrived");

    private EncounterEnds() {
    }

    /** The types to read for {@code types}: an encounter needs the entries that end or cancel it too. */
    static List<String> typesToRead(List<String> types) {
        return types.contains(START)
                ? Stream.concat(types.stream(), WORDS.stream().filter(w -> !types.contains(w))).toList() : types;
    }

    /** The selection with each encounter's end and cancellation joined in, and their entries left out if not asked. */
    static TimelineQuery.Selection join(TimelineQuery.Selection read, List<String> types) {
        if (!types.contains(START)) {
            return read;
        }
        Map<String, Document> ends = new HashMap<>();
        Map<String, Document> cancels = new HashMap<>();
        Map<String, Document> moves = new HashMap<>();
        read.whereKey(k -> WORDS.contains(k.type())).stored().stream().filter(e -> key(e) != null).forEach(e -> {
            String type = e.getString("type");
            Map<String, Document> words = CANCELLED.equals(type) ? cancels
                    : TRANSFER.equals(type) || TRANSFER_CANCELLED.equals(type) ? moves : ends;
            words.merge(key(e), e, (a, b) -> later(b, a) ? b : a);
        });
        TimelineQuery.Selection shown = read.whereKey(k -> !WORDS.contains(k.type()) || types.contains(k.type()));
        return ends.isEmpty() && cancels.isEmpty() && moves.isEmpty() ? shown
                : shown.map(e -> joined(e, ends, cancels, moves));
    }

    private static Document joined(Document entry, Map<String, Document> ends, Map<String, Document> cancels,
                                   Map<String, Document> moves) {
        if (!START.equals(entry.getString("type")) || key(entry) == null) {
            return entry;
        }
        Document joined = new Document(entry);
        Document end = ends.get(key(entry));
        String status = entry.getString("status");
        if (end != null && END.equals(end.getString("type")) && end.getString("time") != null
                && entry.getString("end") == null) {
            joined.append("end", end.getString("time"));
            if (status == null || ACTIVE.contains(status)) {
                joined.put("status", "finished");
            }
        }
        Document move = moves.get(key(entry));
        if (move != null && !later(entry, move)) {
            joined.put("location", move.getString("location"));
        }
        Document cancel = cancels.get(key(entry));
        if (cancel != null && !later(entry, cancel)) {
            joined.put("status", "cancelled");
        }
        return joined;
    }

    /** Whether {@code a} came after {@code b} in the event log; by time for entries kept without a position. */
    private static boolean later(Document a, Document b) {
        Number pa = a.get("position", Number.class);
        Number pb = b.get("position", Number.class);
        if (pa != null && pb != null) {
            return pa.longValue() > pb.longValue();
        }
        Number ta = a.get("t", Number.class);
        Number tb = b.get("t", Number.class);
        return ta != null && tb != null && ta.longValue() > tb.longValue();
    }

    private static String key(Document entry) {
        String visit = entry.getString("encounterId");
        return visit == null ? null : entry.getString("sourceRecordId") + '\u0000' + visit;
    }
}
