package org.hiehub.command.identity.matching.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a name to upper-case ASCII letters. Diacritics go first because commons-codec's Soundex throws on
 * non-ASCII letters (see notes/hapi-spike.md §4); German umlauts are transliterated (Müller → MUELLER) as German
 * registries write them, other marks are dropped (García → GARCIA).
 */
public final class NameNormaliser {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^A-Z ]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NameNormaliser() {
    }

    /** The whole name (several words kept, separated by one space), or null when nothing is left. */
    public static String normalise(String raw) {
        String text = asciiUpper(raw);
        if (text == null) {
            return null;
        }
        text = NOT_LETTER.matcher(text.replace('-', ' ').replace('\'', ' ')).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ").trim();
        return text.isEmpty() ? null : text;
    }

    /** Upper case, umlauts transliterated, other diacritics dropped; digits and punctuation kept. */
    public static String asciiUpper(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss");
        text = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return text.toUpperCase(Locale.ROOT).trim();
    }

    /** The name with spaces removed ("VAN DER BERG" → "VANDERBERG"), so particles compare either way. */
    public static String compact(String raw) {
        String name = normalise(raw);
        return name == null ? null : name.replace(" ", "");
    }

    /** The first word only: given names often carry middle names in one field ("MARY ANN"). */
    public static String firstWord(String raw) {
        String name = normalise(raw);
        if (name == null) {
            return null;
        }
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
