package org.hiehub.hub.cli.replay;

import java.util.List;
import java.util.Map;
import org.hiehub.replay.bluegreen.RebuildProgress;

/** What the replay commands need from a hub: a running one over HTTP, or one started in this process. */
interface RebuildClient extends AutoCloseable {

    /** Per streaming processor: position, head, lag, segments, replaying, live and building version. */
    List<Map<String, Object>> status();

    /** Projections that rebuild blue/green. */
    List<String> rebuildable();

    RebuildProgress start(String projection, boolean autoSwitch, Integer segments, Integer batchSize);

    RebuildProgress progress(String projection);

    RebuildProgress switchOver(String projection);

    List<String> dropOld(String projection);

    @Override
    void close();
}
