package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.command.ingest.RejectedInput;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Reads FHIR R4 JSON with HAPI, and turns HAPI's refusals into {@link RejectedInput}s that never quote the input:
 * HAPI's messages do ("Invalid attribute value "1970-13-45""), and ours end up in logs, events and responses.
 *
 * <p>Parsing is lenient about what the hub can ignore (unknown elements and extensions from vendors, tolerated
 * without a log line per element) and strict about values: HAPI refuses an impossible date or an unknown code
 * even in lenient mode. Narratives are not parsed (the XHTML parser is the slowest part of a parse and the hub
 * keeps the raw payload anyway), and resource ids are kept as sent rather than replaced by the entry's fullUrl.
 * Parsers are cheap and not thread-safe, so each read makes its own from the one shared {@link FhirContext}.
 */
@Component
public class FhirReader {

    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-(\\d+)");
    private static final Pattern ELEMENT = Pattern.compile("\\[element=\"([A-Za-z0-9_\\-\\[\\]]{1,64})\"]");
    private static final Pattern LINE_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MAX_EXPONENT = 400;
    private static final JsonFactory NUMBERS = JsonFactory.builder().build();
    private final FhirContext fhir;

    public FhirReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    IBaseResource read(byte[] json) {
        int start = hasByteOrderMark(json) ? 3 : 0;
        checkNumbers(json, start);
        return parser().parseResource(new ByteArrayInputStream(json, start, json.length - start));
    }

    IBaseResource read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Numbers are hostile input too: HAPI writes a decimal out in full and reads it back, and reading a number of
     * n digits takes time in n squared, so the twenty bytes {@code 1E800000} cost seconds of CPU and
     * {@code 1E10000000} hours. A number longer than {@value #MAX_NUMBER_CHARS} characters or with an exponent
     * beyond ±{@value #MAX_EXPONENT} (a double's range is ±308) is refused before HAPI reads it.
     */
    private static void checkNumbers(byte[] json, int start) {
        try (JsonParser tokens = NUMBERS.createParser(json, start, json.length - start)) {
            checkNumbers(tokens);
        } catch (IOException e) {
            // not JSON: HAPI says so in its own words
        }
    }

    private static void checkNumbers(JsonParser tokens) throws IOException {
        for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                String text = tokens.getText();
                int e = Math.max(text.indexOf('e'), text.indexOf('E'));
                String exponent = e < 0 ? "0" : text.substring(e + 1).replace("+", "");
                if (text.length() > MAX_NUMBER_CHARS || exponent.length() > 5
                        || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
                    throw new NumberOutOfRange(tokens.currentName());
                }
            }
        }
    }

    /** A number refused by {@link #checkNumbers}; {@code element} names where it stood, if known. */
    static final class NumberOutOfRange extends DataFormatException {
        NumberOutOfRange(String element) {
            super("a number longer than " + MAX_NUMBER_CHARS + " characters or with an exponent beyond ±"
                    + MAX_EXPONENT + (element == null ? "" : " in element '" + element + "'"));
        }
    }

    FhirContext context() {
        return fhir;
    }

    private IParser parser() {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                .setOverrideResourceIdWithBundleEntryFullUrl(false).setSuppressNarratives(true);
    }

    /** HAPI's refusal restated without the offending value; {@code where} locates the resource that failed. */
    static RejectedInput rejection(DataFormatException e, String where) {
        if (e instanceof NumberOutOfRange) {
            return new RejectedInput("the resource has " + e.getMessage(), where, 102, false);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        String code = find(HAPI_CODE, message, 1);
        String element = find(ELEMENT, message, 1);
        Matcher lineColumn = LINE_COLUMN.matcher(message);
        if ("1861".equals(code) || "1859".equals(code)) {
            String at = lineColumn.find() ? " at line " + lineColumn.group(1) + ", column " + lineColumn.group(2) : "";
            return new RejectedInput("not valid JSON" + at, where, 102, true);
        }
        String what = switch (code == null ? "" : code) {
            case "1821" -> message.contains("date/time") || message.contains("date format")
                    ? "an invalid date or time" : "an invalid value";
            case "1684" -> "an unknown resourceType";
            case "1838" -> "no resourceType";
            default -> "content that is not valid FHIR R4";
        };
        String reason = "the resource has " + what + (element == null ? "" : " in element '" + element + "'")
                + (code == null ? "" : " (HAPI-" + code + ")");
        return new RejectedInput(reason, where, 102, false);
    }

    private static String find(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(group) : null;
    }

    static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    static String text(byte[] bytes) {
        int start = hasByteOrderMark(bytes) ? 3 : 0;
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }
}
