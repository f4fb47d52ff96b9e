package org.hiehub.hub.operations.segments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many of each processor's segments one process should hold when several run it: every live process gets
 * {@code segments / processes}, and the remainder goes one each to the processes next in line. The line is the
 * processes' ids in order, started at a different place for each processor (its place among all processors), so a
 * processor of one segment is held by one process and the next processor's by the next one, instead of all
 * landing on the same process. Every process works this out from the same membership and gets the same answer,
 * and the targets add up to the segment count: nothing stays unclaimed, nobody waits for more than its share.
 */
final class FairShare {

    private FairShare() {
    }

    /**
     * @param me        this process's member id
     * @param mine      the processors this process runs
     * @param segments  segments per processor in the token store (a processor not there yet has no share: the
     *                  first process to start it initialises its segments)
     * @param live      the live members of each processor, as the membership table has them
     */
    static Map<String, SegmentShare> of(String me, Set<String> mine, Map<String, Integer> segments,
                                        Map<String, Set<String>> live) {
        TreeSet<String> processors = new TreeSet<>(live.keySet());
        processors.addAll(mine);
        List<String> order = List.copyOf(processors);
        Map<String, SegmentShare> shares = new HashMap<>();
        for (String processor : mine) {
            int total = segments.getOrDefault(processor, 0);
            if (total == 0) {
                continue;
            }
            TreeSet<String> members = new TreeSet<>(live.getOrDefault(processor, Set.of()));
            members.add(me); // before its first heartbeat lands, a process still counts itself
            int processes = members.size();
            int place = Math.floorMod(members.headSet(me).size() - order.indexOf(processor), processes);
            int target = total / processes + (place < total % processes ? 1 : 0);
            shares.put(processor, new SegmentShare(target, total, processes));
        }
        return shares;
    }
}
