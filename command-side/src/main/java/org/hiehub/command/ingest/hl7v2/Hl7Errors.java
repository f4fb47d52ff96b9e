package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.EncodingNotSupportedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.command.ingest.RejectedInput;

/**
 * HAPI's parse errors as {@link RejectedInput}. HAPI's own messages may quote the input (e.g. "the first 50
 * characters of the message"), which can be a patient's name, so the reason is rebuilt from the error code and
 * location only.
 */
final class Hl7Errors {

    private static final Pattern LOCATION = Pattern.compile("([A-Z][A-Z0-9]{2})(?:-(\\d{1,3}))?");

    private Hl7Errors() {
    }

    static RejectedInput rejected(HL7Exception e) {
        if (e instanceof EncodingNotSupportedException) {
            return RejectedInput.unparseable("not an HL7 v2 message: the encoding could not be determined");
        }
        ErrorCode code = ErrorCode.errorCodeFor(e.getErrorCode());
        String location = location(e.getLocation());
        String reason = "the message could not be read: " + code.getMessage().toLowerCase(java.util.Locale.ROOT)
                + (location == null ? "" : " at " + location);
        return new RejectedInput(reason, location, code.getCode(), true);
    }

    /** "PID-7" style, or null when HAPI did not say. */
    static String location(Location location) {
        if (location == null || location.getSegmentName() == null) {
            return null;
        }
        return location.getField() > 0 ? location.getSegmentName() + "-" + location.getField()
                : location.getSegmentName();
    }

    /** The reverse of {@link #location(Location)}: "PID-7" → segment PID, field 7; null for any other form. */
    static Location parse(String location) {
        Matcher m = location == null ? null : LOCATION.matcher(location.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        Location parsed = new Location().withSegmentName(m.group(1)).withSegmentRepetition(1);
        if (m.group(2) != null) {
            parsed.withField(Integer.parseInt(m.group(2)));
        }
        return parsed;
    }
}
