package org.hiehub.hub.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The running hub's dead-letter API as the CLI calls it; a refusal by the hub becomes a readable error. */
final class DeadLetterApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    DeadLetterApi(String hubUrl, String token) {
        this.base = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
        this.token = token == null || token.isBlank() ? null : token;
    }

    JsonNode list(String status, int limit, int offset) {
        String query = "?limit=" + limit + "&offset=" + offset
                + (status == null ? "" : "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
        return json(send(request("/api/dead-letters" + query).GET(), 200));
    }

    JsonNode show(String id) {
        return json(send(request("/api/dead-letters/" + encode(id)).GET(), 200));
    }

    Outcome retry(String id, String correctedPayload) {
        HttpRequest.Builder post = request("/api/dead-letters/" + encode(id) + "/reprocess")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(correctedPayload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(correctedPayload));
        HttpResponse<String> response = send(post, 200, 422);
        return new Outcome(response.statusCode() == 200, json(response));
    }

    /** @param stored true when the message was accepted this time */
    record Outcome(boolean stored, JsonNode body) {
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... expected) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response;
                }
            }
            throw new IllegalArgumentException("the hub answered " + response.statusCode() + ": " + detail(response));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the hub at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String detail(HttpResponse<String> response) {
        try {
            JsonNode problem = ReplayJson.MAPPER.readTree(response.body());
            return problem.path("detail").asText(response.body());
        } catch (IOException e) {
            return response.body();
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ReplayJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the hub did not answer JSON: " + e.getMessage());
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
