package org.hiehub.command.identity.matching.profile;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes street names one way: upper case, street types abbreviated (STREET → ST, CIRCUIT → CCT), unit and
 * house numbers split off. The abbreviations follow Australia Post / USPS Publication 28 usage, so "12 Stanley
 * Street" and "12 stanley st." agree exactly instead of only approximately.
 */
public final class AddressNormaliser {

    private static final Map<String, String> STREET_TYPES = Map.ofEntries(
            Map.entry("STREET", "ST"), Map.entry("STR", "ST"), Map.entry("ROAD", "RD"), Map.entry("AVENUE", "AVE"),
            Map.entry("AV", "AVE"), Map.entry("DRIVE", "DR"), Map.entry("DRV", "DR"), Map.entry("PLACE", "PL"),
            Map.entry("COURT", "CT"), Map.entry("CRESCENT", "CRES"), Map.entry("CRS", "CRES"),
            Map.entry("CIRCUIT", "CCT"), Map.entry("CIRCLE", "CIR"), Map.entry("TERRACE", "TCE"),
            Map.entry("PARADE", "PDE"), Map.entry("CLOSE", "CL"), Map.entry("LANE", "LN"),
            Map.entry("BOULEVARD", "BLVD"), Map.entry("HIGHWAY", "HWY"), Map.entry("SQUARE", "SQ"),
            Map.entry("GROVE", "GR"), Map.entry("WAY", "WY"), Map.entry("PARKWAY", "PKWY"),
            Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"),
            Map.entry("APARTMENT", "APT"), Map.entry("UNIT", "UNIT"), Map.entry("SUITE", "STE"),
            Map.entry("MOUNT", "MT"), Map.entry("SAINT", "ST"));
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+[A-Z]?)(?:\\s+|$)(.*)$");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Z0-9 ]+");

    private AddressNormaliser() {
    }

    /** Words upper-cased and abbreviated; null when nothing is left. */
    public static String normalise(String raw) {
        String text = NameNormaliser.asciiUpper(raw);
        if (text == null) {
            return null;
        }
        text = NOT_ALNUM.matcher(text).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(STREET_TYPES.getOrDefault(word, word));
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Splits "12A STANLEY ST" into house number "12A" and street "STANLEY ST". */
    public static String[] splitHouseNumber(String normalisedLine) {
        if (normalisedLine == null) {
            return new String[] {null, null};
        }
        var matcher = LEADING_NUMBER.matcher(normalisedLine);
        if (matcher.matches()) {
            String street = matcher.group(2).isBlank() ? null : matcher.group(2);
            return new String[] {matcher.group(1), street};
        }
        return new String[] {null, normalisedLine};
    }

    /** Postcodes and ZIP codes compare without spaces or the ZIP+4 suffix. */
    public static String postcode(String raw) {
        String text = NameNormaliser.asciiUpper(raw);
        if (text == null) {
            return null;
        }
        text = text.replaceAll("[^A-Z0-9-]", "");
        if (text.matches("\\d{5}-\\d{4}")) {
            text = text.substring(0, 5);
        }
        text = text.replace("-", "");
        return text.isEmpty() ? null : text;
    }
}
