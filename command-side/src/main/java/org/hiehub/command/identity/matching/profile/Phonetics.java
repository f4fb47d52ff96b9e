package org.hiehub.command.identity.matching.profile;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Nysiis;
import org.apache.commons.codec.language.Soundex;

/**
 * Phonetic codes of normalised (upper-case ASCII) names. Double Metaphone (Philips 2000) handles the spelling
 * variants of many European names; NYSIIS (Taft 1970) was built for US health and crime registries and keys
 * differently enough to catch what Metaphone misses. The encoders are stateless and thread-safe.
 */
public final class Phonetics {

    private static final DoubleMetaphone DOUBLE_METAPHONE = new DoubleMetaphone();
    private static final Nysiis NYSIIS = new Nysiis(true);
    private static final Soundex SOUNDEX = Soundex.US_ENGLISH;

    static {
        DOUBLE_METAPHONE.setMaxCodeLen(6);
    }

    private Phonetics() {
    }

    public static String doubleMetaphone(String name) {
        return isEncodable(name) ? emptyToNull(DOUBLE_METAPHONE.doubleMetaphone(name.replace(" ", ""))) : null;
    }

    public static String nysiis(String name) {
        return isEncodable(name) ? emptyToNull(NYSIIS.encode(name.replace(" ", ""))) : null;
    }

    public static String soundex(String name) {
        return isEncodable(name) ? emptyToNull(SOUNDEX.encode(name.replace(" ", ""))) : null;
    }

    private static boolean isEncodable(String name) {
        // Soundex throws on anything but ASCII letters; callers pass NameNormaliser output, this is the guard.
        return name != null && !name.isBlank() && name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == ' ');
    }

    private static String emptyToNull(String code) {
        return code == null || code.isEmpty() ? null : code;
    }
}
