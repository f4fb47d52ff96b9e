package org.hiehub.command.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties together every log line about one request or message, in every process it passes through: it
 * is kept in the logging MDC under {@link #KEY} and travels in Axon message metadata under {@link #METADATA_KEY}
 * (not Axon's own {@code correlationId}, which Axon sets to the id of the message that caused another). An HL7 message's id is a
 * hash of its sender and control id (MSH-3, MSH-4, MSH-10), so a re-send logs under the same id and the logs
 * never show the control id itself.
 */
public final class CorrelationId {

    public static final String KEY = "correlationId";
    public static final String METADATA_KEY = "hubCorrelationId";
    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /** A caller's id if it is a plain token (so nothing odd reaches the logs), otherwise a new one. */
    public static String acceptOrGenerate(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : generate();
    }

    /** {@code hl7-} and 24 hex digits of SHA-256 over sending application, facility and MSH-10; random without MSH-10. */
    public static String forHl7(String raw) {
        if (raw == null || !raw.startsWith("MSH") || raw.length() < 8) {
            return generate();
        }
        char separator = raw.charAt(3);
        int end = raw.indexOf('\r');
        String msh = end < 0 ? raw : raw.substring(0, end);
        String[] fields = msh.split(Pattern.quote(String.valueOf(separator)), -1);
        if (fields.length < 10 || fields[9].isBlank()) {
            return generate();
        }
        String key = fields[2] + '\u001f' + fields[3] + '\u001f' + fields[9];
        return "hl7-" + sha256(key).substring(0, 24);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
