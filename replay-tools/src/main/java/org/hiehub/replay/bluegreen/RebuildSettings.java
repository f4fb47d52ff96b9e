package org.hiehub.replay.bluegreen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Blue/green rebuilds ({@code hub.rebuild.*}). A rebuild reads the whole log, so it runs with far larger batches
 * than the live processors: one Mongo bulk write per batch is what makes a replay fast.
 *
 * @param batchSize events per unit of work (one bulk write per collection each)
 * @param segments segments (and worker threads) of a new version's processor; a resumed one keeps its own
 * @param resumeOnStart resume a rebuild that was interrupted (hub stopped) when the hub starts again
 * @param switchTimeoutSeconds how long a switch waits for the new version to pass the live processor's position
 */
@ConfigurationProperties("hub.rebuild")
public record RebuildSettings(@DefaultValue("1000") int batchSize,
                              @DefaultValue("2") int segments,
                              @DefaultValue("true") boolean resumeOnStart,
                              @DefaultValue("60") long switchTimeoutSeconds) {
}
