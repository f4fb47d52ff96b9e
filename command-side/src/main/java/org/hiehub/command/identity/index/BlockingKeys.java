package org.hiehub.command.identity.index;

import java.util.Set;
import java.util.TreeSet;
import org.hiehub.api.identity.Demographics;
import org.hiehub.command.identity.matching.blocking.BlockingKeyGenerator;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import org.springframework.stereotype.Component;

/**
 * The candidate keys under which a record is filed in the identity index, pseudonymised: the matching engine's
 * blocking keys (phonetic names, birth date, identifiers, phone…, see {@link BlockingKeyGenerator}) as keyed
 * hashes, because a key such as "birth date 1970-01-15" is personal data. Matching compares a record only with
 * records sharing a key, never with everyone.
 */
@Component
public class BlockingKeys {

    private final Pseudonyms pseudonyms;
    private final BlockingKeyGenerator generator = new BlockingKeyGenerator();

    public BlockingKeys(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** Sorted, so that locks taken on them are always taken in the same order (no deadlocks). */
    public Set<String> of(Demographics demographics) {
        return demographics == null ? new TreeSet<>() : of(MatchProfiles.from(demographics));
    }

    public Set<String> of(MatchProfile profile) {
        return hashed(generator.keys(profile));
    }

    private Set<String> hashed(Set<String> keys) {
        Set<String> hashed = new TreeSet<>();
        keys.forEach(key -> hashed.add(pseudonyms.hash(key)));
        return hashed;
    }
}
