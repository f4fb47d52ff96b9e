package org.hiehub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same new person arriving from two feeds at the same moment must not become two master patients that
 * nobody notices: registrations lock the person's blocking keys, so the second sees the first.
 */
@HubIntegrationTest
class ConcurrentRegistrationTest {

    @LocalServerPort
    int port;

    @Test
    void two_feeds_registering_the_same_new_person_at_once_end_in_one_master_patient() throws Exception {
        HubClient hub = new HubClient(port);
        for (int round = 0; round < 8; round++) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String family = TestPeople.family();
            String birthDate = TestPeople.birthDate();
            String body = """
                    {"sourceSystem":"%s","localId":"%s","demographics":{"names":[{"family":"%s","given":["Rita"]}],
                     "birthDate":"%s","administrativeSex":"female",
                     "identifiers":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"race-%s"}]}}""";
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> feeds = new ArrayList<>();
            for (String source : List.of("HOSP_A", "LAB_B")) {
                feeds.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    HubClient.Response response = hub.post("/api/source-records",
                            body.formatted(source, source + "-" + tag, family, birthDate, tag));
                    assertThat(response.status()).as(response.body()).isEqualTo(201);
                    return response.json();
                }));
            }
            start.countDown();
            JsonNode a = feeds.get(0).get();
            JsonNode b = feeds.get(1).get();

            assertThat(a.path("sourceRecordId").asText()).isNotEqualTo(b.path("sourceRecordId").asText());
            assertThat(a.path("masterPatientId").asText()).as("round " + round)
                    .isEqualTo(b.path("masterPatientId").asText());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
