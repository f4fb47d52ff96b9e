package org.hiehub.projections.support;

import org.bson.Document;

/**
 * How much of a free-text value a view keeps. A result can carry a whole document as its value — an HL7 OBX of
 * type ED with a base64 PDF, a FHIR valueString of megabytes — and the views hold values in documents that MongoDB
 * caps at 16 MB and that reads return whole: three 3 MB reports made a 10 MB timeline page, and a handful in one
 * record's summary document would have stopped the projection for that patient on a real MongoDB. A view keeps
 * the first {@value #MAX_CHARS} characters and says so ({@code <field>Length}: the value's full length); the
 * event log keeps the value as sent (see the replay tools' {@code history}).
 */
public final class ViewText {

    public static final int MAX_CHARS = 4_096;
    public static final String LENGTH_SUFFIX = "Length";

    private ViewText() {
    }

    /** Appends {@code value} as {@code field}, shortened past the limit with its full length beside it. */
    public static Document put(Document document, String field, String value) {
        if (value == null || value.length() <= MAX_CHARS) {
            return document.append(field, value);
        }
        // never cut a surrogate pair in two: half a character would not encode
        int end = Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return document.append(field, value.substring(0, end)).append(field + LENGTH_SUFFIX, value.length());
    }
}
