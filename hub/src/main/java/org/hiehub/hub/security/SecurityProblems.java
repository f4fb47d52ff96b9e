package org.hiehub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.TreeSet;
import org.hiehub.query.access.AccessAuditInterceptor;
import org.hiehub.query.access.Caller;
import org.hiehub.query.audit.AccessAuditLog;
import org.hiehub.query.audit.AuditEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Says why a call was refused, in the caller's dialect: RFC 9457 problem details for the REST API, a FHIR
 * OperationOutcome under {@code /fhir}. Never echoes the token.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectProvider<AccessAuditLog> audit;

    SecurityProblems(ObjectProvider<AccessAuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"hie-hub\"");
        auditRefusal(request, 401);
        write(request, response, 401, "Authentication required",
                "Send a bearer token: Authorization: Bearer <token> (the embedded hub mints them with "
                        + "'java -jar hub.jar token --user NAME --role ROLE').", "login");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        AccessPolicy.Rule rule = AccessPolicy.ruleFor(request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
        String detail = rule == null ? "No role may call " + request.getMethod() + " " + request.getRequestURI()
                : "This call needs one of the roles " + rule.roles().stream().map(HubRole::claim).sorted().toList();
        auditRefusal(request, 403);
        write(request, response, 403, "Forbidden", detail, "forbidden");
    }

    /** A refused attempt at patient data belongs in the access audit as much as a granted one. */
    private void auditRefusal(HttpServletRequest request, int status) {
        AccessAuditLog log = audit.getIfAvailable();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (log == null || path.equals("/fhir/metadata") || !AccessAuditInterceptor.readsPatientData(path)) {
            return;
        }
        Caller caller = Caller.current();
        log.append(new AuditEntry(0, Instant.now(), caller.user(), String.join(",", new TreeSet<>(caller.roles())),
                caller.organization(), caller.purpose(), AccessAuditInterceptor.action(request), "", "denied",
                status, "{}", null));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                              String detail, String fhirCode) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/fhir")) {
            response.setContentType("application/fhir+json");
            body.put("resourceType", "OperationOutcome");
            body.put("issue", List.of(Map.of("severity", "error", "code", fhirCode, "diagnostics", detail)));
        } else {
            response.setContentType("application/problem+json");
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
        }
        response.setStatus(status);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
