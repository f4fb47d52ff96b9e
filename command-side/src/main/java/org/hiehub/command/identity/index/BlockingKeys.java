package org.hiehub.command.identity.index;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.springframework.stereotype.Component;

/**
 * The candidate keys under which a record is filed in the identity index, pseudonymised. Today: its
 * identifiers (system + value). Matching compares a record only with records sharing a key, never with everyone.
 */
@Component
public class BlockingKeys {

    private final Pseudonyms pseudonyms;

    public BlockingKeys(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** Sorted, so that locks taken on them are always taken in the same order (no deadlocks). */
    public Set<String> of(Demographics demographics) {
        Set<String> keys = new TreeSet<>();
        if (demographics == null) {
            return keys;
        }
        for (PatientIdentifier identifier : demographics.identifiers()) {
            if (isUsable(identifier)) {
                keys.add(pseudonyms.hash("id\u001f" + normalise(identifier.system()) + '\u001f'
                        + identifier.value().trim()));
            }
        }
        return keys;
    }

    private static boolean isUsable(PatientIdentifier identifier) {
        return !identifier.system().isBlank() && !identifier.value().isBlank();
    }

    private static String normalise(String system) {
        return system.trim().toLowerCase(Locale.ROOT);
    }
}
