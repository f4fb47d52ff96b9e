package org.hiehub.hub.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.versions.ReadModels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class RebuildFromEventLogTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readStore;
    @Autowired
    ReadModels readModels;

    @Test
    void dropping_the_read_store_and_rebuilding_from_the_event_log_gives_identical_documents() {
        HubClient hub = new HubClient(port);
        long lastPosition = 0;
        for (int i = 0; i < 5; i++) {
            String ssn = UUID.randomUUID().toString().substring(0, 8);
            String family = TestPeople.family();
            String birthDate = TestPeople.birthDate();
            lastPosition = register(hub, "HOSP_A", "A-" + ssn, family, birthDate, ssn).path("position").asLong();
            var second = register(hub, "LAB_B", "B-" + ssn, family, birthDate, ssn);
            if (i % 2 == 0) {
                String record = second.path("sourceRecordId").asText();
                hub.post("/api/source-records/" + record + "/unlink", "{\"reason\":\"test\"}");
                lastPosition = hub.post("/api/source-records/" + record + "/link",
                        "{\"confidence\":88,\"method\":\"STEWARD\"}").json().path("position").asLong();
            }
        }
        long head = lastPosition;
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients/none?minPosition=" + head)
                .status() == 404);
        List<Document> summaries = all(SummaryCollections.SUMMARIES);
        List<Document> records = all(SummaryCollections.SOURCE_RECORDS);
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(8);

        readStore.drop();
        readModels.refresh();
        assertThat(all(SummaryCollections.SUMMARIES)).isEmpty();
        assertThat(hub.post("/api/admin/projections/patient-summary/rebuild", "{}").status()).isEqualTo(202);

        // blue/green: the rebuilt version becomes live once it has caught up; _rev only counts writes
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(withoutRevision(all(SummaryCollections.SUMMARIES))).isEqualTo(withoutRevision(summaries));
            assertThat(all(SummaryCollections.SOURCE_RECORDS)).isEqualTo(records);
        });
    }

    @Test
    void rebuilding_an_unknown_projection_is_a_404_problem() {
        assertThat(new HubClient(port).post("/api/admin/projections/nope/rebuild", "{}").status()).isEqualTo(404);
    }

    private List<Document> all(String collection) {
        return readModels.live(PatientSummaryProjection.GROUP).collection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private static List<Document> withoutRevision(List<Document> documents) {
        return documents.stream().map(d -> {
            Document copy = new Document(d);
            copy.remove("_rev");
            return copy;
        }).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode register(HubClient hub, String system, String localId,
                                                                    String family, String birthDate,
                                                                    String ssn) {
        HubClient.Response response = hub.post("/api/source-records", """
                {"sourceSystem":"%s","localId":"%s","demographics":{"names":[{"family":"%s","given":["Ann"]}],
                 "birthDate":"%s","identifiers":[{"system":"urn:ssn","value":"%s"}]}}
                """.formatted(system, localId, family, birthDate, ssn));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }
}
