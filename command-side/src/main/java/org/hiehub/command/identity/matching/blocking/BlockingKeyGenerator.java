package org.hiehub.command.identity.matching.blocking;

import java.util.Set;
import java.util.TreeSet;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * The candidate keys of a profile. Two records are compared only when they share at least one key, so the keys
 * are chosen such that a true match almost always shares one even when several fields carry errors: each key
 * rests on a different small set of fields (names phonetically, birth date with day and month in either order,
 * birth year with initials, both names in either order, identifiers, phone, e-mail and mailbox, postcode with
 * initial). Keys are plain text here; the hub files them as keyed hashes.
 */
public final class BlockingKeyGenerator {

    public Set<String> keys(MatchProfile p) {
        Set<String> keys = new TreeSet<>();
        add(keys, "fam+gi", p.familyPhonetic(), p.givenInitial());
        add(keys, "giv+fi", p.givenPhonetic(), p.familyInitial());
        add(keys, "names", unordered(p.givenPhonetic(), p.familyPhonetic()), null);
        add(keys, "nys+yob", p.familyNysiis(), year(p));
        add(keys, "can+yob", p.givenCanonical(), year(p));
        if (p.hasFullBirthDate()) {
            // Smaller part first: a date and its day/month transposition file under the same key.
            int low = Math.min(p.birthMonth(), p.birthDay());
            int high = Math.max(p.birthMonth(), p.birthDay());
            add(keys, "dob", p.birthYear() + "-" + low + "-" + high, null);
            add(keys, "md+fi", p.birthMonth() + "-" + p.birthDay(), p.familyInitial());
        }
        add(keys, "yob+ini", year(p), initials(p));
        keys.addAll(identifierKeys(p));
        add(keys, "tel", p.phone(), null);
        add(keys, "email", p.email(), null);
        add(keys, "mailbox", mailbox(p.email()), null);
        add(keys, "pc+fi", p.postcode(), p.familyInitial());
        add(keys, "pc+no", p.postcode(), p.streetNumber());
        return keys;
    }

    /** The keys resting on identifiers alone (SSN, identifiers with their authority). */
    public Set<String> identifierKeys(MatchProfile p) {
        Set<String> keys = new TreeSet<>();
        add(keys, "ssn", p.ssn(), null);
        p.identifiers().forEach(identifier -> add(keys, "id", identifier, null));
        return keys;
    }

    private static String year(MatchProfile p) {
        return p.birthYear() == null ? null : p.birthYear().toString();
    }

    /** Both names' codes in a fixed order, so a record with given and family name swapped files alike. */
    private static String unordered(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return a.compareTo(b) <= 0 ? a + '+' + b : b + '+' + a;
    }

    /** The part before the @: survives a mistyped or changed mail domain. */
    private static String mailbox(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 3 ? null : email.substring(0, at);
    }

    private static String initials(MatchProfile p) {
        return p.givenInitial() == null || p.familyInitial() == null ? null : p.givenInitial() + p.familyInitial();
    }

    private static void add(Set<String> keys, String kind, String first, String second) {
        if (first == null || (second == null && needsSecond(kind))) {
            return;
        }
        keys.add(kind + '\u001f' + first + (second == null ? "" : '\u001f' + second));
    }

    private static boolean needsSecond(String kind) {
        return kind.contains("+");
    }
}
