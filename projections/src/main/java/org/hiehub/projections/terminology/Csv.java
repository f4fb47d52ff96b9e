package org.hiehub.projections.terminology;

import java.util.ArrayList;
import java.util.List;

/** The tables' CSV dialect: '#' comment lines, one header line, comma separated, no quoting (codes need none). */
final class Csv {

    private Csv() {
    }

    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split(",", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }
}
