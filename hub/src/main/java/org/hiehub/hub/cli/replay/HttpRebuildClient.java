package org.hiehub.hub.cli.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hiehub.replay.bluegreen.RebuildProgress;

/** Drives a running hub through its admin API ({@code /api/admin/projections}). */
final class HttpRebuildClient implements RebuildClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final Supplier<String> token;
    private String resolvedToken;

    /** @param token asked for only once a hub answers (a locally minted one needs the hub's data directory) */
    HttpRebuildClient(String hub, Supplier<String> token) {
        this.base = hub.replaceAll("/+$", "") + "/api/admin/projections";
        this.token = token;
    }

    /** True if a hub answers at the address (any HTTP answer counts: it may refuse us, but it is there). */
    boolean reachable() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Map<String, Object>> status() {
        return JSON.convertValue(send(HttpRequest.newBuilder(URI.create(base)).GET()), new TypeReference<>() {
        });
    }

    @Override
    public List<String> rebuildable() {
        List<String> names = new ArrayList<>();
        status().stream().filter(p -> p.containsKey("liveVersion"))
                .forEach(p -> names.add(String.valueOf(p.get("processor"))));
        return names;
    }

    @Override
    public RebuildProgress start(String projection, boolean autoSwitch, Integer segments, Integer batchSize) {
        String query = "?autoSwitch=" + autoSwitch + (segments == null ? "" : "&segments=" + segments)
                + (batchSize == null ? "" : "&batchSize=" + batchSize);
        return progress(post(projection + "/rebuild" + query));
    }

    @Override
    public RebuildProgress progress(String projection) {
        return progress(send(HttpRequest.newBuilder(URI.create(base + "/" + projection + "/rebuild")).GET()));
    }

    @Override
    public RebuildProgress switchOver(String projection) {
        return progress(post(projection + "/switch"));
    }

    @Override
    public List<String> dropOld(String projection) {
        return JSON.convertValue(post(projection + "/drop-old").path("dropped"), new TypeReference<>() {
        });
    }

    @Override
    public void close() {
        // nothing held open
    }

    private static RebuildProgress progress(JsonNode json) {
        return JSON.convertValue(json, RebuildProgress.class);
    }

    private JsonNode post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) {
        if (resolvedToken == null) {
            resolvedToken = token.get();
        }
        request.header("Authorization", "Bearer " + resolvedToken);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                String detail = body.path("detail").asText(response.body());
                throw new IllegalStateException("hub answered " + response.statusCode() + ": " + detail);
            }
            return body;
        } catch (ConnectException e) {
            throw new Unreachable(base);
        } catch (IOException e) {
            throw new IllegalStateException("talking to the hub at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static final class Unreachable extends RuntimeException {
        Unreachable(String where) {
            super("no hub answers at " + where);
        }
    }
}
