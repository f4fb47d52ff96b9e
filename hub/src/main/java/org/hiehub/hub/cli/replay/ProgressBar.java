package org.hiehub.hub.cli.replay;

import java.io.PrintStream;
import java.time.Duration;
import org.hiehub.replay.bluegreen.RebuildProgress;

/**
 * One line on stderr, redrawn in place: events processed of the total (head of the log minus where the rebuild
 * began), the rate since this command started watching, and the time left at that rate. Once the new version has
 * caught up with the log the rate is the one it caught up at (it would only fall while the switch is waited for),
 * and the line says so instead of a time left.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private Long firstProcessed;
    private Double caughtUpRate;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    void show(RebuildProgress p) {
        if (firstProcessed == null) {
            firstProcessed = p.processed();
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        double rate = Math.max(0, (p.processed() - firstProcessed) / seconds);
        if (p.caughtUp() && caughtUpRate == null) {
            caughtUpRate = rate;
        }
        rate = caughtUpRate == null ? rate : caughtUpRate;
        double fraction = p.total() == 0 ? 1 : Math.min(1, (double) p.processed() / p.total());
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = caughtUpRate != null ? "caught up"
                : rate <= 0 ? "ETA --:--"
                : "ETA " + clock(Duration.ofSeconds((long) (Math.max(0, p.total() - p.processed()) / rate)));
        out.printf("\r%-16s v%s [%s%s] %3d%% %,d/%,d events %,.0f ev/s %s %s", p.projection(),
                p.building() == null ? p.live() : p.building(), "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), p.processed(), p.total(), rate, eta,
                p.error() == null ? "" : "error: " + p.error());
        out.flush();
    }

    void done(String message) {
        out.println();
        out.println(message);
    }

    private static String clock(Duration d) {
        return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
