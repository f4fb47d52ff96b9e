package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API describes itself (springdoc), and Swagger UI is served from the jar without any outside resource. */
@HubIntegrationTest
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void the_openapi_document_lists_the_read_api() {
        HubClient.Response docs = new HubClient(port).get("/v3/api-docs");

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/patients")).isTrue();
        assertThat(paths.has("/api/patients/{id}")).isTrue();
        assertThat(paths.has("/api/alerts")).isTrue();
        assertThat(paths.has("/api/alerts/stream")).isTrue();
        assertThat(paths.has("/api/patients/{id}/alerts")).isTrue();
        assertThat(paths.has("/api/care-gaps")).isTrue();
        assertThat(paths.at("/~1api~1patients/get/parameters").findValuesAsText("name"))
                .contains("name", "birthDate", "identifier", "gender");
        assertThat(paths.at("/~1api~1patients~1{id}/get/responses/200/content/application~1json/schema/type").asText())
                .as("the summary is described as the JSON it is, not as bytes").isEqualTo("object");
    }

    @Test
    void swagger_ui_is_served_from_the_jar() {
        HubClient hub = new HubClient(port);
        HubClient.Response page = hub.get("/swagger-ui/index.html");
        HubClient.Response script = hub.get("/swagger-ui/swagger-ui-bundle.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(script.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("https://");
    }
}
