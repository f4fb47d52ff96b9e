package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the hub maps, called by every role: the ones {@link AccessPolicy} allows get through (whatever
 * the endpoint then answers), all others are refused with 403, and nobody gets in without a token.
 */
@HubIntegrationTest
class RoleMatrixTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    @Qualifier(SecurityConfiguration.SECURITY_FILTER_CHAIN)
    jakarta.servlet.Filter securityFilterChain;

    @Test
    void the_security_chain_runs_without_a_spring_mvc_handler_lookup_ahead_of_it() {
        // the matrix below shows the chain still decides every endpoint; this shows it no longer looks each one up
        assertThat(securityFilterChain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        assertThat(securityFilterChain).isInstanceOf(org.springframework.security.web.FilterChainProxy.class);
    }

    @Test
    void every_mapped_endpoint_is_written_down_in_the_access_policy() {
        List<String> uncovered = endpoints().stream()
                .filter(e -> AccessPolicy.ruleFor(e.method(), e.samplePath()) == null)
                .map(Endpoint::toString).toList();
        assertThat(endpoints()).hasSizeGreaterThan(25);
        assertThat(uncovered).as("endpoints no rule opens (they are refused to everyone)").isEmpty();
    }

    @Test
    void each_role_reaches_exactly_the_endpoints_the_policy_gives_it() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (HubRole role : HubRole.values()) {
            String token = TestTokens.as("matrix-" + role.claim(), role);
            for (Endpoint endpoint : endpoints()) {
                AccessPolicy.Rule rule = AccessPolicy.ruleFor(endpoint.method(), endpoint.samplePath());
                boolean allowed = rule != null && rule.allows(EnumSet.of(role));
                int status = call(endpoint, token);
                if (allowed == (status == 403) || status == 401) {
                    wrong.add(role.claim() + " " + endpoint + " -> " + status + " (policy: "
                            + (allowed ? "allowed" : "refused") + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void without_a_token_only_the_open_endpoints_answer() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            AccessPolicy.Rule rule = AccessPolicy.ruleFor(endpoint.method(), endpoint.samplePath());
            int status = call(endpoint, null);
            boolean open = rule != null && rule.open();
            if (open == (status == 401)) {
                wrong.add(endpoint + " -> " + status);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void a_token_from_another_issuer_key_or_an_expired_one_is_refused() throws Exception {
        LocalTokenIssuer stranger = LocalTokenIssuer.forKeyFile(
                Path.of("target/it-data/stranger-" + System.nanoTime() + ".jwk"));
        Endpoint summary = new Endpoint("GET", "/api/patients/{id}");
        assertThat(call(summary, stranger.mint("mallory", Set.of(HubRole.CLINICIAN), null, Duration.ofHours(1))))
                .isEqualTo(401);
        LocalTokenIssuer ours = LocalTokenIssuer.forKeyFile(Path.of("target/it-data/token-signing.jwk"));
        assertThat(call(summary, ours.mint("late", Set.of(HubRole.CLINICIAN), null, Duration.ofMinutes(-10))))
                .isEqualTo(401);
    }

    @Test
    void refusals_explain_themselves_as_problem_details_and_fhir_operation_outcomes() throws Exception {
        HttpResponse<String> rest = send(new Endpoint("GET", "/api/patients/{id}"), null);
        assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(rest.body()).contains("\"status\":401").contains("Bearer").doesNotContain("Exception");

        HttpResponse<String> fhir = send(new Endpoint("GET", "/fhir/Patient/{id}"),
                TestTokens.as("ann", HubRole.RESEARCHER));
        assertThat(fhir.statusCode()).isEqualTo(403);
        assertThat(fhir.body()).contains("OperationOutcome").contains("clinician");
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> all = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    all.add(new Endpoint("GET", pattern));
                }
                methods.forEach(m -> all.add(new Endpoint(m.name(), pattern)));
            }
        });
        return List.copyOf(all);
    }

    /** The status alone: the body is not waited for, so a live stream (SSE) that lets the caller in answers too. */
    private int call(Endpoint endpoint, String token) throws Exception {
        try {
            HttpResponse<java.io.InputStream> response = http.send(request(endpoint, token),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (HttpTimeoutException slow) {
            return 200; // let in, and the handler kept the connection open past the timeout
        }
    }

    private HttpResponse<String> send(Endpoint endpoint, String token) throws Exception {
        return http.send(request(endpoint, token), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(Endpoint endpoint, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + endpoint.samplePath())).timeout(Duration.ofSeconds(3))
                .method(endpoint.method(), endpoint.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** A mapped endpoint, called with made-up path variables (nothing exists under them). */
    record Endpoint(String method, String pattern) implements Comparable<Endpoint> {

        String samplePath() {
            return pattern.replaceAll("\\{[^}]+}", "no-such-id").replace("/**", "/x");
        }

        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
