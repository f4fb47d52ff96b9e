package org.hiehub.hub.cli.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hiehub.replay.bluegreen.RebuildProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay rebuild <processor>|--all}: builds a new version of each projection beside the live one, shows a
 * progress bar until it has caught up, and lets readers switch to it (unless {@code --no-switch}). Interrupting it
 * is safe: a hub or a later run resumes from the stored tokens.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild projections blue/green from the event log.")
public final class RebuildCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "<processor>", description = "the projection, e.g. patient-summary")
    String processor;
    @Option(names = "--all", description = "every projection that rebuilds blue/green, one after another")
    boolean all;
    @Option(names = "--no-switch", description = "build and catch up, but leave readers on the live version")
    boolean noSwitch;
    @Option(names = "--drop-old", description = "drop the previous version's collections after the switch")
    boolean dropOld;
    @Option(names = "--segments", description = "segments of the new version's processor (default hub.rebuild.segments)")
    Integer segments;
    @Option(names = "--batch-size", description = "events per batch (default hub.rebuild.batch-size)")
    Integer batchSize;
    @Option(names = "--poll-ms", defaultValue = "500", description = "progress refresh (default ${DEFAULT-VALUE})")
    long pollMillis;
    @Mixin
    HubConnection connection = new HubConnection();
    /** Settings for a hub started here (--standalone): the same as the hub's, e.g. --spring.datasource.url=… */
    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (all == (processor != null)) {
            System.err.println("name one processor, or --all");
            return 2;
        }
        try (RebuildClient client = connection.open(System.err, springArgs)) {
            List<String> projections = all ? client.rebuildable() : List.of(processor);
            for (String projection : projections) {
                rebuild(client, projection);
            }
            return 0;
        }
    }

    private void rebuild(RebuildClient client, String projection) throws InterruptedException {
        RebuildProgress started = client.start(projection, !noSwitch, segments, batchSize);
        int version = started.building() == null ? started.live() : started.building();
        ProgressBar bar = new ProgressBar(System.err);
        while (true) {
            RebuildProgress progress = client.progress(projection);
            if (progress.building() == null || progress.building() != version) {
                // the figures now are the live version's, with nothing building: the last line drawn stands
                bar.done(projection + ": version " + progress.live() + " is live");
                break;
            }
            bar.show(progress);
            if (noSwitch && progress.caughtUp()) {
                bar.done(projection + ": version " + version + " has caught up; readers stay on version "
                        + progress.live() + " until POST /api/admin/projections/" + projection + "/switch");
                return;
            }
            Thread.sleep(pollMillis);
        }
        if (dropOld) {
            System.err.println(projection + ": dropped " + client.dropOld(projection));
        }
    }
}
