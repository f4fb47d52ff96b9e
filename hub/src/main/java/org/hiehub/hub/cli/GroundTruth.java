package org.hiehub.hub.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which person a row truly is, for scoring only — the engine never sees it. Either a capture group of a regex
 * applied to the id column ({@code regex:rec-(\d+)}, FEBRL) or a cluster column (Splink's fake_1000).
 */
final class GroundTruth {

    private final Pattern pattern;
    private final String column;

    private GroundTruth(Pattern pattern, String column) {
        this.pattern = pattern;
        this.column = column;
    }

    static GroundTruth regex(String specification) {
        if (!specification.startsWith("regex:")) {
            throw new IllegalArgumentException("--truth must start with 'regex:'");
        }
        return new GroundTruth(Pattern.compile(specification.substring("regex:".length())), null);
    }

    static GroundTruth column(String column) {
        return new GroundTruth(null, column);
    }

    String personOf(List<String> row, Map<String, Integer> index, String idColumn) {
        if (column != null) {
            return CsvTable.cell(row, required(index, column));
        }
        String id = CsvTable.cell(row, required(index, idColumn));
        Matcher matcher = pattern.matcher(id == null ? "" : id);
        if (!matcher.find()) {
            throw new IllegalArgumentException("truth regex does not match id '" + id + "'");
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    private static Integer required(Map<String, Integer> index, String column) {
        Integer position = index.get(column);
        if (position == null) {
            throw new IllegalArgumentException("column '" + column + "' not in the file");
        }
        return position;
    }
}
