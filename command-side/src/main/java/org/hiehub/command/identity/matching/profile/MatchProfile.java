package org.hiehub.command.identity.matching.profile;

import java.util.Set;

/**
 * A person's demographics reduced to what matching compares: upper-case, without diacritics or punctuation,
 * nicknames resolved, addresses abbreviated the same way, phones as digits. Phonetic codes are computed once
 * here, not per comparison, because one incoming record is compared with hundreds of candidates.
 * Any part may be null: missing is not disagreement.
 *
 * @param given first given name, normalised (KATE)
 * @param givenCanonical the nickname table's formal name for it (KATHERINE), else the given name itself
 * @param givenPhonetic Double Metaphone primary code of the given name
 * @param family family name, normalised
 * @param familyPhonetic Double Metaphone primary code of the family name
 * @param familyNysiis NYSIIS code of the family name (a second, differently biased phonetic key)
 * @param birthYear birth date parts; a partial date keeps only the parts it knows
 * @param sex M, F or O; unknown is null
 * @param birthOrder multiple-birth order (twins: 1, 2), or null
 * @param identifiers other identifiers as {@code system|value}, the system lower-case
 */
public record MatchProfile(String given, String givenCanonical, String givenPhonetic,
                           String family, String familyPhonetic, String familyNysiis,
                           Integer birthYear, Integer birthMonth, Integer birthDay, String sex, Integer birthOrder,
                           String streetNumber, String street, String locality, String postcode,
                           String phone, String email, String ssn,
                           Set<String> identifiers) {

    public MatchProfile {
        identifiers = identifiers == null ? Set.of() : Set.copyOf(identifiers);
    }

    public String givenInitial() {
        return given == null ? null : given.substring(0, 1);
    }

    public String familyInitial() {
        return family == null ? null : family.substring(0, 1);
    }

    public boolean hasFullBirthDate() {
        return birthYear != null && birthMonth != null && birthDay != null;
    }
}
