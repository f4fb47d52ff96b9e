package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.EncodingNotSupportedException;
import org.hiehub.command.ingest.RejectedInput;

/**
 * HAPI's parse errors as {@link RejectedInput}. HAPI's own messages may quote the input (e.g. "the first 50
 * characters of the message"), which can be a patient's name, so the reason is rebuilt from the error code and
 * location only.
 */
final class Hl7Errors {

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

    /** The reverse of {@link #location(Location)}: "PID-7" → segment PID, field 7. */
    static Location parse(String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        String[] parts = location.split("-", 2);
        Location parsed = new Location().withSegmentName(parts[0].replaceAll("[^A-Z0-9]", ""))
                .withSegmentRepetition(1);
        if (parts.length == 2 && parts[1].matches("\\d+")) {
            parsed.withField(Integer.parseInt(parts[1]));
        }
        return parsed;
    }
}
