package org.hiehub.hub.cli.replay;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.eventhandling.TrackingToken;
import org.hiehub.replay.eventlog.EventLog;
import org.hiehub.replay.eventlog.Instants;
import org.hiehub.replay.export.EventLogExporter;
import org.hiehub.replay.export.ExportProgress;
import org.hiehub.replay.export.ExportResult;
import picocli.CommandLine;

/** {@code replay export --since POS|T --out FILE}: the event log as NDJSON, as stored (personal data encrypted). */
@CommandLine.Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the event log as NDJSON (position, timestamp, stream, type, revision, metadata, payload "
                + "as stored: personal data stays encrypted).")
public final class ExportCommand extends ReplaySubcommand {

    @CommandLine.Option(names = "--since", defaultValue = "0",
            description = "a position (events after it) or a point in time (events at or after it); default: all")
    String since;

    @CommandLine.Option(names = "--out", required = true, description = "the NDJSON file to write")
    String out;

    @Override
    int run(ReplayContext hub, PrintWriter stdout, PrintWriter err) throws Exception {
        EventLog log = hub.bean(EventLog.class);
        TrackingToken from = since.matches("\\d+") ? log.after(Long.parseLong(since)) : log.at(Instants.parse(since));
        Progress progress = new Progress(err);
        ExportResult result;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(Path.of(out)), 1 << 16)) {
            result = hub.bean(EventLogExporter.class).export(from, file, progress);
        }
        err.printf("exported %d events (positions %d..%d) to %s%n", result.exported(), result.firstPosition(),
                result.lastPosition(), out);
        return 0;
    }

    /** One progress line, rewritten in place: events written, position against the head, rate. */
    private static final class Progress implements ExportProgress {
        private final PrintWriter err;
        private final long started = System.nanoTime();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(long exported, long position, long head, boolean done) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            int percent = head <= 0 ? 100 : (int) Math.min(100, Math.max(0, position) * 100 / head);
            err.printf("\rexporting: %,d events, position %,d of %,d (%d%%), %,.0f events/s%s", exported,
                    Math.max(0, position), head, percent, exported / seconds, done ? "\n" : "");
            err.flush();
        }
    }
}
