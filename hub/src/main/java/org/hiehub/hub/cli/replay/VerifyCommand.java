package org.hiehub.hub.cli.replay;

import java.io.PrintWriter;
import org.hiehub.replay.integrity.ChainVerification;
import org.hiehub.replay.integrity.EventHashChain;
import picocli.CommandLine;

/** {@code replay verify}: recomputes the hash chain over the stored events; exit 0 intact, 1 broken, 2 unavailable. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that the stored events were not altered: recompute the hash chain and report the first "
                + "position where it breaks. Exit code 0 intact, 1 broken, 2 cannot verify.")
public final class VerifyCommand extends ReplaySubcommand {

    @CommandLine.Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    int run(ReplayContext hub, PrintWriter out, PrintWriter err) {
        ChainVerification report;
        try {
            report = hub.bean(EventHashChain.class).verify();
        } catch (EventHashChain.Unavailable e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
        if (json) {
            out.println(ReplayJson.line(report));
        } else if (report.intact()) {
            out.printf("intact: %d events chained, head position %d, head hash %s%n", report.checked(),
                    report.headIndex(), report.headHash());
        } else {
            out.printf("BROKEN at position %d: %s (%d events before it verified)%n", report.breakAt(),
                    report.reason(), report.checked());
        }
        if (report.unchained() > 0) {
            out.printf("%d stored events not in the chain yet, from position %d (appended since the event-chain "
                    + "processor last ran, or inserted behind its back)%n", report.unchained(), report.firstUnchained());
        }
        return report.intact() ? 0 : 1;
    }
}
