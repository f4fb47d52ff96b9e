package org.hiehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lag an MLLP benchmark reports, learnt from the projection status' head and view position. */
class ProjectionLagSamplerTest {

    private final AtomicLong head = new AtomicLong(10);
    private final AtomicLong view = new AtomicLong(10);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private FakeHub server;
    private URI hub;

    @BeforeEach
    void serveProjectionStatus() throws IOException {
        server = FakeHub.serving(Map.of("/api/admin/projections", sent -> {
            authorization.set(sent);
            return new FakeHub.Answer(200, "[{\"processor\":\"timeline\",\"position\":0,\"head\":" + head.get()
                    + "},{\"processor\":\"patient-summary\",\"position\":" + view.get() + ",\"head\":"
                    + head.get() + "}]");
        }));
        hub = server.uri();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lagRunsFromTheSampleBeforeAHeadWasSeenUntilTheViewReachesIt() throws InterruptedException {
        ProjectionLagSampler sampler = ProjectionLagSampler.fromHead(HttpClient.newHttpClient(), hub, "Bearer t");
        sampler.start();
        Thread.sleep(300);
        head.set(20);
        Thread.sleep(1_000);
        view.set(20);
        Thread.sleep(300);

        ProjectionLagSampler.Lag lag = sampler.stopAndDrain(Duration.ofSeconds(5));

        assertThat(authorization.get()).isEqualTo("Bearer t");
        assertThat(lag.max()).as("position 20 stayed unprojected for a second").isBetween(900L, 3_000L);
        assertThat(lag.p50()).as("most samples saw the view behind").isGreaterThan(0);
        assertThat(lag.drainMillis()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aViewThatNeverCatchesUpHasNoDrainTime() throws InterruptedException {
        ProjectionLagSampler sampler = ProjectionLagSampler.fromHead(HttpClient.newHttpClient(), hub, "Bearer t");
        view.set(5);
        sampler.start();
        Thread.sleep(600);

        ProjectionLagSampler.Lag lag = sampler.stopAndDrain(Duration.ofMillis(300));

        assertThat(lag.drainMillis()).isEqualTo(-1);
        assertThat(lag.max()).isGreaterThan(0);
    }
}
