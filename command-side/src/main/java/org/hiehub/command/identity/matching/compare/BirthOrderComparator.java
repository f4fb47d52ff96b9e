package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.Objects;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Multiple-birth order (1st, 2nd twin). Twins share family name, birth date, address and often phone, so every
 * other comparison says "same person"; a recorded, different birth order is the one thing that tells them apart,
 * and its model parameters make it close to a veto.
 */
public final class BirthOrderComparator implements FieldComparator<MatchProfile> {

    @Override
    public String field() {
        return "birth_order";
    }

    @Override
    public List<String> levels() {
        return List.of("different", "same");
    }

    @Override
    public int compare(MatchProfile left, MatchProfile right) {
        if (left.birthOrder() == null || right.birthOrder() == null) {
            return MISSING;
        }
        return Objects.equals(left.birthOrder(), right.birthOrder()) ? 1 : 0;
    }
}
