package org.hiehub.command.ingest.hl7v2;

import java.util.Optional;

/**
 * The MSH fields the hub needs before (and without) HAPI: who sent the message, what it is and its control id.
 * Read by hand so that routing, idempotency and the fallback ACK work even when HAPI cannot read the message.
 *
 * @param encodingCharacters MSH-2 as sent (component, repetition, escape, subcomponent)
 * @param dateTime MSH-7's time as sent
 */
public record MshHeader(char fieldSeparator, String encodingCharacters, String sendingApplication,
                        String sendingFacility, String receivingApplication, String receivingFacility,
                        String dateTime, String messageCode, String triggerEvent, String controlId, String processingId,
                        String version) {

    /** The header of a normalised message, if its first segment is a readable MSH. */
    public static Optional<MshHeader> of(String normalised) {
        String msh = Hl7Text.firstSegment(normalised);
        if (msh.length() < 8 || !msh.startsWith("MSH")) {
            return Optional.empty();
        }
        char separator = msh.charAt(3);
        if (Character.isLetterOrDigit(separator) || Character.isWhitespace(separator)) {
            return Optional.empty();
        }
        // fields[0] = "MSH", fields[1] = MSH-2: MSH-1 is the separator itself, so MSH-n is fields[n - 1]
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        String encoding = fields[1];
        char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
        String type = field(fields, 9);
        return Optional.of(new MshHeader(separator, encoding, first(field(fields, 3), component),
                first(field(fields, 4), component), first(field(fields, 5), component),
                first(field(fields, 6), component), first(field(fields, 7), component),
                component(type, component, 0), component(type, component, 1), field(fields, 10),
                first(field(fields, 11), component), first(field(fields, 12), component)));
    }

    /** Sender + control id make the idempotency key, so the sender is application and facility together. */
    public String sourceSystem() {
        if (sendingApplication == null) {
            return sendingFacility;
        }
        return sendingFacility == null ? sendingApplication : sendingApplication + "@" + sendingFacility;
    }

    /** e.g. "ADT^A01", or "ADT" when MSH-9 has no trigger event. */
    public String messageType() {
        if (messageCode == null) {
            return null;
        }
        return triggerEvent == null ? messageCode : messageCode + "^" + triggerEvent;
    }

    private static String field(String[] fields, int number) {
        int index = number - 1;
        if (index >= fields.length) {
            return null;
        }
        String value = fields[index].strip();
        return value.isEmpty() ? null : value;
    }

    private static String first(String field, char component) {
        return component(field, component, 0);
    }

    private static String component(String field, char component, int index) {
        if (field == null) {
            return null;
        }
        String[] parts = field.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
        if (index >= parts.length) {
            return null;
        }
        String value = parts[index].strip();
        return value.isEmpty() ? null : value;
    }
}
