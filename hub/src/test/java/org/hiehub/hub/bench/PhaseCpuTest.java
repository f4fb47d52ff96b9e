package org.hiehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub CPU per message an MLLP benchmark phase reports: counted until every running view caught up. */
class PhaseCpuTest {

    private final AtomicLong cpuNanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong timeline = new AtomicLong(10);
    /** A view in error and a stopped one, both behind: neither holds the measurement up. */
    private static final String HALTED =
            "{\"processor\":\"alerts\",\"running\":true,\"position\":3,\"head\":20,\"error\":\"store down\"},"
                    + "{\"processor\":\"quality\",\"running\":false,\"position\":4,\"head\":20,\"error\":null}";
    private FakeHub server;
    private URI hub;

    @BeforeEach
    void serveTheHub() throws IOException {
        server = FakeHub.serving(Map.of(
                "/actuator/metrics/process.cpu.time", authorization -> new FakeHub.Answer(
                        "Bearer t".equals(authorization) ? 200 : 403, "{\"name\":\"process.cpu.time\","
                        + "\"baseUnit\":\"ns\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":"
                        + cpuNanos.get() + ".0}]}"),
                "/api/admin/projections", authorization -> new FakeHub.Answer(
                        "Bearer t".equals(authorization) ? 200 : 403,
                        "[{\"processor\":\"patient-summary\",\"running\":true,\"position\":20,\"head\":20,"
                        + "\"error\":null},{\"processor\":\"timeline\",\"running\":true,\"position\":"
                        + timeline.get() + ",\"head\":20,\"error\":null}," + HALTED + "]")));
        hub = server.uri();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void cpu_is_read_once_the_last_running_view_reached_the_head() throws InterruptedException {
        PhaseCpu cpu = PhaseCpu.start(HttpClient.newHttpClient(), hub, "Bearer t");
        cpuNanos.set(2_500_000_000L); // spent while the phase ran
        long lastAck = System.nanoTime();
        Thread behind = new Thread(() -> {
            sleep(400);
            cpuNanos.set(3_000_000_000L); // the timeline's catching up, still this phase's work
            timeline.set(20);
        });
        behind.start();

        String line = cpu.stop(1_000, lastAck, Duration.ofSeconds(5));
        behind.join();

        assertThat(line).startsWith("hub CPU 2.00 ms per message");
        long caughtUp = Long.parseLong(line.replaceAll(".*, (\\d+) ms after the last ACK$", "$1"));
        assertThat(caughtUp).as("waited for the timeline, not for the view in error or the stopped one")
                .isBetween(350L, 4_000L);
    }

    @Test
    void a_view_that_never_catches_up_or_an_unreadable_metric_says_why_nothing_was_measured()
            throws InterruptedException {
        PhaseCpu stuck = PhaseCpu.start(HttpClient.newHttpClient(), hub, "Bearer t");
        assertThat(stuck.stop(10, System.nanoTime(), Duration.ofSeconds(1)))
                .isEqualTo("hub CPU not measured: the views did not all catch up within 1 s");

        PhaseCpu refused = PhaseCpu.start(HttpClient.newHttpClient(), hub, "Bearer other");
        timeline.set(20);
        assertThat(refused.stop(10, System.nanoTime(), Duration.ofSeconds(1)))
                .isEqualTo("hub CPU not measured: its process.cpu.time metric could not be read");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
