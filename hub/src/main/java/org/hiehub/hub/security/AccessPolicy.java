package org.hiehub.hub.security;

import static org.hiehub.hub.security.HubRole.ADMIN;
import static org.hiehub.hub.security.HubRole.AUDITOR;
import static org.hiehub.hub.security.HubRole.CLINICIAN;
import static org.hiehub.hub.security.HubRole.INTEGRATOR;
import static org.hiehub.hub.security.HubRole.PRIVACY_OFFICER;
import static org.hiehub.hub.security.HubRole.RESEARCHER;
import static org.hiehub.hub.security.HubRole.STEWARD;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one table the security filter enforces and the role-matrix test checks. Rules are
 * tried in order and the first whose method and path match decides; a request no rule matches is refused, so a
 * new endpoint stays closed until it is written down here.
 */
public final class AccessPolicy {

    private static final Set<HubRole> NOBODY = EnumSet.noneOf(HubRole.class);

    /** The rules, most specific first. {@code null} method means any method. */
    public static final List<Rule> RULES = List.of(
            open(HttpMethod.GET, "/actuator/health/**"),
            open(HttpMethod.GET, "/actuator/info"),
            open(HttpMethod.GET, "/fhir/metadata"),
            open(HttpMethod.GET, "/v3/api-docs/**"),
            open(HttpMethod.GET, "/v3/api-docs.yaml"),
            open(HttpMethod.GET, "/swagger-ui/**"),
            open(HttpMethod.GET, "/swagger-ui.html"),
            open(null, "/error"),
            // The web console's static files hold no patient data; every call they make carries the user's token.
            open(HttpMethod.GET, "/"),
            open(HttpMethod.GET, "/index.html"),
            open(HttpMethod.GET, "/favicon.ico"),
            open(HttpMethod.GET, "/console/**"),
            rule(null, "/actuator/**", ADMIN),

            // Feeding the hub: sending systems' integration accounts.
            rule(HttpMethod.POST, "/fhir", INTEGRATOR),
            rule(HttpMethod.POST, "/ingest/**", INTEGRATOR),
            rule(HttpMethod.GET, "/ingest/batches/**", INTEGRATOR, ADMIN),
            rule(HttpMethod.GET, "/ingest/hl7v2/batches/**", INTEGRATOR, ADMIN),
            rule(null, "/api/dead-letters/**", INTEGRATOR, ADMIN),

            // Patient data: care teams; consent and break-the-glass narrow it further per patient.
            rule(HttpMethod.GET, "/fhir/**", CLINICIAN),
            rule(HttpMethod.GET, "/api/patients/**", CLINICIAN),
            rule(HttpMethod.GET, "/api/care-gaps/**", CLINICIAN),
            rule(HttpMethod.GET, "/api/alerts/**", CLINICIAN),
            rule(HttpMethod.GET, "/api/measures/**", CLINICIAN, RESEARCHER, ADMIN),
            rule(null, "/api/consents/**", CLINICIAN, PRIVACY_OFFICER),
            rule(HttpMethod.POST, "/api/break-glass", CLINICIAN),
            rule(HttpMethod.POST, "/api/break-glass/*/review", PRIVACY_OFFICER),
            rule(HttpMethod.GET, "/api/break-glass/**", PRIVACY_OFFICER, AUDITOR),

            // Identity: data stewards resolve the MPI; integrators may register records directly.
            rule(HttpMethod.POST, "/api/source-records", INTEGRATOR, STEWARD),
            rule(null, "/api/source-records/**", STEWARD),
            rule(null, "/api/mpi/**", STEWARD),
            rule(HttpMethod.GET, "/api/quality/**", INTEGRATOR, STEWARD, ADMIN),

            // Oversight.
            rule(HttpMethod.GET, "/api/audit/**", AUDITOR, PRIVACY_OFFICER),
            rule(null, "/api/privacy/**", PRIVACY_OFFICER),
            rule(null, "/api/research/**", RESEARCHER),
            rule(HttpMethod.GET, "/api/admin/terminology/**", INTEGRATOR, ADMIN),
            rule(null, "/api/admin/replay/**", AUDITOR, ADMIN),
            rule(null, "/api/admin/**", ADMIN));

    private AccessPolicy() {
    }

    /** The rule deciding a request, or {@code null} when none matches (refused). */
    public static Rule ruleFor(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : RULES) {
            if ((rule.method() == null || rule.method().matches(method)) && rule.pattern().matches(container)) {
                return rule;
            }
        }
        return null;
    }

    private static Rule open(HttpMethod method, String pattern) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), NOBODY, true);
    }

    private static Rule rule(HttpMethod method, String pattern, HubRole first, HubRole... more) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), EnumSet.of(first, more), false);
    }

    /**
     * @param method the HTTP method, or {@code null} for any
     * @param roles the roles allowed; any one suffices
     * @param open needs no token at all (health, the FHIR capability statement, API docs)
     */
    public record Rule(HttpMethod method, PathPattern pattern, Set<HubRole> roles, boolean open) {

        public boolean allows(Set<HubRole> callerRoles) {
            return open || callerRoles.stream().anyMatch(roles::contains);
        }

        @Override
        public String toString() {
            return (method == null ? "*" : method.name()) + " " + pattern.getPatternString() + " -> "
                    + (open ? "anyone" : roles);
        }
    }
}
