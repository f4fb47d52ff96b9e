package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.Set;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Compares identifiers other than the SSN (MRNs, driving licences…) of the same assigning authority. Two records
 * sharing an identifier value of one authority are strong evidence of one person; two different values from the
 * same authority are evidence against (within one hospital a person normally has one MRN). Identifiers of
 * authorities only one side knows are not compared at all.
 */
public final class IdentifierComparator implements FieldComparator<MatchProfile> {

    @Override
    public String field() {
        return "identifier";
    }

    @Override
    public List<String> levels() {
        return List.of("same authority, different value", "shared identifier");
    }

    @Override
    public int compare(MatchProfile left, MatchProfile right) {
        Set<String> a = left.identifiers();
        Set<String> b = right.identifiers();
        if (a.isEmpty() || b.isEmpty()) {
            return MISSING;
        }
        boolean sameAuthority = false;
        for (String identifier : a) {
            if (b.contains(identifier)) {
                return 1;
            }
            String authority = identifier.substring(0, identifier.indexOf('|') + 1);
            sameAuthority |= b.stream().anyMatch(other -> other.startsWith(authority));
        }
        return sameAuthority ? 0 : MISSING;
    }
}
