package org.hiehub.projections.summary;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Soundex;

/**
 * Search keys of a name: its words folded to plain lower-case letters (for prefix search) and their phonetic keys,
 * Double Metaphone (primary and alternate: "Schmidt" and "Smith" share XMT/SMT) and Soundex (American Soundex as
 * the US Census uses it, so "Catherine" meets "Kathryn"). The query side computes the same keys for what a user
 * typed, so the two must stay one function.
 */
public final class NameKeys {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final Soundex SOUNDEX = new Soundex();
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]+");

    private NameKeys() {
    }

    /** Words of a name: accents removed, lower case, split on anything not a letter. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : NOT_LETTERS.split(plain)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Phonetic keys of one word, prefixed by algorithm ({@code dm:}, {@code sx:}). */
    public static Set<String> phonetic(String word) {
        Set<String> keys = new LinkedHashSet<>();
        if (word == null || word.length() < 2) {
            return keys; // an initial sounds like too many names to be a useful key
        }
        String primary = METAPHONE.doubleMetaphone(word);
        String alternate = METAPHONE.doubleMetaphone(word, true);
        if (primary != null && !primary.isEmpty()) {
            keys.add("dm:" + primary);
        }
        if (alternate != null && !alternate.isEmpty()) {
            keys.add("dm:" + alternate);
        }
        try {
            String soundex = SOUNDEX.soundex(word);
            if (soundex != null && !soundex.isEmpty()) {
                keys.add("sx:" + soundex);
            }
        } catch (IllegalArgumentException e) {
            // a character Soundex cannot map: the Double Metaphone keys still serve
        }
        return keys;
    }
}
