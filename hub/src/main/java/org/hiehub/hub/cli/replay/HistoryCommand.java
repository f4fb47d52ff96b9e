package org.hiehub.hub.cli.replay;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hiehub.replay.eventlog.Instants;
import org.hiehub.replay.history.HistoryQuery;
import org.hiehub.replay.history.PatientHistory;
import picocli.CommandLine;

/** {@code replay history --patient ID}: every event of a master patient and its linked source records, in order. */
@CommandLine.Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every event of a master patient (identity and clinical, its linked source records included), "
                + "in log order, personal data decrypted.")
public final class HistoryCommand extends ReplaySubcommand {

    enum Format { table, ndjson }

    @CommandLine.Option(names = "--patient", required = true, description = "master patient id")
    String patient;

    @CommandLine.Option(names = "--from", description = "only events stamped at or after (2026-11-22T19:00:00Z or a day)")
    String from;

    @CommandLine.Option(names = "--to", description = "only events stamped at or before")
    String to;

    @CommandLine.Option(names = "--type", split = ",",
            description = "only these event types, e.g. DemographicsUpdated,ObservationRecorded")
    List<String> types = List.of();

    @CommandLine.Option(names = "--format", defaultValue = "table", description = "table or ndjson (default ${DEFAULT-VALUE})")
    Format format;

    @Override
    int run(ReplayContext hub, PrintWriter out, PrintWriter err) {
        HistoryQuery query = new HistoryQuery(patient, Instants.parse(from), Instants.parse(to), new HashSet<>(types));
        AtomicLong count = new AtomicLong();
        if (format == Format.table) {
            out.println(HistoryTable.HEADER);
        }
        hub.bean(PatientHistory.class).stream(query, entry -> {
            out.println(format == Format.ndjson ? ReplayJson.line(entry) : HistoryTable.row(entry));
            count.incrementAndGet();
        });
        out.flush();
        err.printf("%d events%n", count.get());
        return 0;
    }
}
