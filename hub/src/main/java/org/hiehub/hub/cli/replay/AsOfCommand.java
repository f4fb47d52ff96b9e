package org.hiehub.hub.cli.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import org.hiehub.replay.asof.PointInTime;
import org.hiehub.replay.asof.PointInTimeSummaries;
import org.hiehub.replay.eventlog.Instants;
import picocli.CommandLine;

/** {@code replay as-of --patient ID --at T}: the patient summary as it stood at T, rebuilt from the events. */
@CommandLine.Command(name = "as-of", mixinStandardHelpOptions = true,
        description = "The patient summary exactly as it stood at a point in time, rebuilt by replaying the events "
                + "up to then into a scratch store (not from today's view).")
public final class AsOfCommand extends ReplaySubcommand {

    @CommandLine.Option(names = "--patient", required = true, description = "master patient id")
    String patient;

    @CommandLine.Option(names = "--at", required = true,
            description = "point in time, e.g. 2026-11-22T19:00:00Z (events stamped at or before it count)")
    String at;

    @Override
    int run(ReplayContext hub, PrintWriter out, PrintWriter err) {
        Instant when = Instants.parse(at);
        Optional<PointInTime> summary = hub.bean(PointInTimeSummaries.class).asOf(patient, when);
        if (summary.isEmpty()) {
            err.printf("patient %s did not exist at %s%n", patient, when);
            return 1;
        }
        out.println(ReplayJson.pretty(ReplayJson.DOCUMENTS, summary.get()));
        return 0;
    }
}
