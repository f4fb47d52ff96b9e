package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.Objects;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Compares birth dates on four levels. Besides exact agreement it recognises the two errors registration desks
 * make most: day and month transposed (US vs. European order, 03/04 vs 04/03) and a single mistyped digit; then
 * dates agreeing in two of their three parts, or partial dates (year only, year and month) agreeing in every
 * part they know.
 */
public final class BirthDateComparator implements FieldComparator<MatchProfile> {

    @Override
    public String field() {
        return "birth_date";
    }

    @Override
    public List<String> levels() {
        return List.of("different", "two of three parts, or partial date agrees",
                "day/month transposed or one digit differs", "exact");
    }

    @Override
    public int compare(MatchProfile left, MatchProfile right) {
        if (left.birthYear() == null || right.birthYear() == null) {
            return MISSING;
        }
        if (!left.hasFullBirthDate() || !right.hasFullBirthDate()) {
            return partialAgrees(left, right) ? 1 : 0;
        }
        int y1 = left.birthYear(), m1 = left.birthMonth(), d1 = left.birthDay();
        int y2 = right.birthYear(), m2 = right.birthMonth(), d2 = right.birthDay();
        if (y1 == y2 && m1 == m2 && d1 == d2) {
            return 3;
        }
        boolean transposed = y1 == y2 && m1 == d2 && d1 == m2;
        if (transposed || differingDigits(y1, y2) + differingDigits(m1, m2) + differingDigits(d1, d2) == 1) {
            return 2;
        }
        int agreeingParts = (y1 == y2 ? 1 : 0) + (m1 == m2 ? 1 : 0) + (d1 == d2 ? 1 : 0);
        return agreeingParts >= 2 ? 1 : 0;
    }

    private static boolean partialAgrees(MatchProfile left, MatchProfile right) {
        return left.birthYear().equals(right.birthYear())
                && knownPartsAgree(left.birthMonth(), right.birthMonth())
                && knownPartsAgree(left.birthDay(), right.birthDay());
    }

    private static boolean knownPartsAgree(Integer a, Integer b) {
        return a == null || b == null || Objects.equals(a, b);
    }

    /** Positions at which the zero-padded decimal forms differ (1980 vs 1986 → 1). */
    private static int differingDigits(int a, int b) {
        int differing = 0;
        for (; a > 0 || b > 0; a /= 10, b /= 10) {
            differing += a % 10 == b % 10 ? 0 : 1;
        }
        return differing;
    }
}
