package org.hiehub.hub.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.hiehub.replay.history.HistoryEntry;

/** The history as a terminal table: one line per event, its payload folded into {@code field=value} pairs. */
final class HistoryTable {

    static final String HEADER = String.format("%-9s %-24s %-26s %-3s %-30s %s",
            "POSITION", "TIMESTAMP", "TYPE", "REV", "STREAM", "DETAILS");
    private static final int DETAILS_WIDTH = 160;

    private HistoryTable() {
    }

    static String row(HistoryEntry e) {
        String stream = e.aggregateType() == null ? "" : e.aggregateType() + ":" + shorten(e.aggregateId(), 12)
                + "#" + e.sequenceNumber();
        return String.format("%-9d %-24s %-26s %-3s %-30s %s", e.position(), e.timestamp(), e.type(),
                e.revision() == null ? "" : e.revision(), stream, details(e.payload()));
    }

    private static String details(Object payload) {
        JsonNode tree = ReplayJson.MAPPER.valueToTree(payload);
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull() || (value.isContainerNode() && value.isEmpty())) {
                continue;
            }
            text.append(text.isEmpty() ? "" : " ").append(field.getKey()).append('=')
                    .append(value.isTextual() ? value.asText() : value.toString());
        }
        return text.length() > DETAILS_WIDTH ? text.substring(0, DETAILS_WIDTH - 1) + "…" : text.toString();
    }

    private static String shorten(String id, int length) {
        return id == null || id.length() <= length ? id : id.substring(0, length) + "…";
    }
}
