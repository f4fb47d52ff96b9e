package org.hiehub.command.identity.matching.blocking;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inverted index from blocking key to record numbers, for evaluation and benchmarks. Candidates are ranked by
 * how many keys they share with the query, and only the best {@code maxCandidates} are returned — the same rule
 * the PostgreSQL index applies in the hub, so evaluation measures what the hub does. Keys whose posting list
 * exceeds {@code maxBlockSize} are skipped: a key shared by thousands of records discriminates nothing.
 * Not thread-safe for writes; concurrent reads after loading are safe.
 */
public final class InMemoryBlockingIndex {

    private final Map<String, int[]> postings = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final int maxBlockSize;

    public InMemoryBlockingIndex(int maxBlockSize) {
        this.maxBlockSize = maxBlockSize;
    }

    public void add(int record, Collection<String> keys) {
        for (String key : keys) {
            int size = sizes.getOrDefault(key, 0);
            int[] list = postings.get(key);
            if (list == null || list.length == size) {
                list = list == null ? new int[2] : Arrays.copyOf(list, size * 2);
                postings.put(key, list);
            }
            list[size] = record;
            sizes.put(key, size + 1);
        }
    }

    /** Records sharing at least one key, most shared keys first (ties: lower record number first). */
    public int[] candidates(Collection<String> keys, int maxCandidates) {
        List<String> usable = keys.stream().filter(k -> sizes.getOrDefault(k, 0) > 0
                && sizes.get(k) <= maxBlockSize).toList();
        int[] all = new int[usable.stream().mapToInt(sizes::get).sum()];
        int at = 0;
        for (String key : usable) {
            System.arraycopy(postings.get(key), 0, all, at, sizes.get(key));
            at += sizes.get(key);
        }
        Arrays.sort(all);
        return topByCount(all, maxCandidates);
    }

    private static int[] topByCount(int[] sorted, int maxCandidates) {
        // Pack (count, record) into one long so a single sort ranks by count, then record number.
        long[] ranked = new long[sorted.length];
        int distinct = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            ranked[distinct++] = ((long) (Integer.MAX_VALUE - (j - i)) << 32) | sorted[i];
            i = j;
        }
        long[] used = Arrays.copyOf(ranked, distinct);
        Arrays.sort(used);
        int[] result = new int[Math.min(distinct, maxCandidates)];
        for (int i = 0; i < result.length; i++) {
            result[i] = (int) used[i];
        }
        return result;
    }
}
