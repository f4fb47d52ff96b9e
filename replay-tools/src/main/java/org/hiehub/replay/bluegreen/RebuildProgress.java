package org.hiehub.replay.bluegreen;

import java.util.List;

/**
 * Where a projection's blue/green rebuild stands. {@code processed} and {@code total} count event-log positions
 * from where the rebuild began: total is the head of the log now minus that start.
 *
 * @param state IDLE (nothing building), BUILDING, PAUSED (interrupted: resumes from its tokens) or SWITCHED
 */
public record RebuildProgress(String projection, int live, Integer building, String state, long startPosition,
                              long position, long head, long processed, long total, int segments, boolean caughtUp,
                              boolean autoSwitch, String error, List<Integer> retired) {

    public boolean done() {
        return building == null;
    }
}
