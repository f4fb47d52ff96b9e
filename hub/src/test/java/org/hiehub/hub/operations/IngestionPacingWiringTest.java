package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole path of pacing in the running hub: while the patient summary is held on a batch (an interceptor on its
 * processor blocks), a message that arrives after the summary fell behind waits the configured maximum before it is
 * stored and acknowledged, and is counted as such; once the summary moves again, messages go through at once.
 */
@HubIntegrationTest
class IngestionPacingWiringTest {

    private static final String ER7 = "x-application/hl7-v2+er7";
    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;

    @Test
    void a_message_waits_while_the_patient_summary_is_behind_and_not_once_it_caught_up() throws Exception {
        HubClient hub = new HubClient(port);
        StreamingEventProcessor summary = processing.eventProcessor("patient-summary", StreamingEventProcessor.class)
                .orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = summary.registerHandlerInterceptor((unitOfWork, chain) -> {
            release.await(30, TimeUnit.SECONDS);
            return chain.proceed();
        });
        long heldBefore = waits("max-wait");
        try {
            assertThat(send(hub).body()).contains("MSA|AA");
            Thread.sleep(1_500); // the summary is now more than view-lag (1 s) behind the head it has not handled

            long started = System.nanoTime();
            assertThat(send(hub).body()).contains("MSA|AA");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).as("held for max-wait (2 s)").isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            assertThat(waits("max-wait")).isEqualTo(heldBefore + 1);
        } finally {
            hold.cancel();
            release.countDown();
        }
        Thread.sleep(1_500); // the summary catches up on what it was held from
        long started = System.nanoTime();
        assertThat(send(hub).body()).contains("MSA|AA");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    private long waits(String outcome) {
        Timer timer = meters.find("hub.ingest.paced").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static HubClient.Response send(HubClient hub) {
        String control = UUID.randomUUID().toString().substring(0, 12);
        String adt = "MSH|^~\\&|ADT1|PACE|HIEHUB|HIE|20261124120000||ADT^A01^ADT_A01|" + control + "|P|2.5.1\r"
                + "EVN|A01|20261124120000\r"
                + "PID|1||P-" + control + "^^^PACE^MR||" + TestPeople.family() + "^Pat||19700101|F\r"
                + "PV1|1|I|W^1^1\r";
        return hub.post("/ingest/hl7v2", ER7, adt.getBytes(StandardCharsets.UTF_8));
    }
}
