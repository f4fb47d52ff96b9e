package org.hiehub.replay.integrity;

import java.util.HexFormat;

/**
 * The outcome of {@code verify}.
 *
 * @param checked chain entries recomputed before the first break (all of them when intact)
 * @param headIndex global index of the last chained event (-1 for an empty chain)
 * @param headHash hex of the last chain hash as recomputed; worth writing down outside the hub, since anyone who
 *                 can rewrite the event table can rewrite the chain table too
 * @param breakAt global index of the first event whose stored form no longer matches the chain, or null
 * @param reason why it breaks there, or null
 * @param unchained stored events not (yet) in the chain: events appended since the event-chain processor last ran,
 *                  or rows inserted behind its back
 * @param firstUnchained the lowest global index among them, or null
 */
public record ChainVerification(long checked, long headIndex, String headHash, Long breakAt, String reason,
                                long unchained, Long firstUnchained) {

    public boolean intact() {
        return breakAt == null;
    }

    static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }
}
