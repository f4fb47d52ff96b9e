package org.hiehub.command.ingest.hl7v2;

import java.util.TreeMap;

/** A segment written by field number, so a test says "PV1-19" instead of counting pipes. */
final class Seg {

    private final String name;
    private final TreeMap<Integer, String> fields = new TreeMap<>();

    private Seg(String name) {
        this.name = name;
    }

    static Seg of(String name) {
        return new Seg(name);
    }

    Seg set(int field, String value) {
        fields.put(field, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        int last = fields.isEmpty() ? 0 : fields.lastKey();
        for (int i = 1; i <= last; i++) {
            out.append('|').append(fields.getOrDefault(i, ""));
        }
        return out.toString();
    }
}
