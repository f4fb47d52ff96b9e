package org.hiehub.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds the answer to a read of patient data until its access-audit entry is written. The entry is written after
 * the handler ({@link AccessAuditInterceptor}), and the answer used to be on its way by then: when the write
 * failed (the database gone, an entry the table refused) the data went out with no record of it. Now the reader
 * gets a 503 and nothing of the data. The two streams — the alert stream and the research export — are sent as
 * they are produced and are not held.
 */
@Component
public class AuditedAnswers extends OncePerRequestFilter {

    static final String AUDIT_FAILED = AuditedAnswers.class.getName() + ".failed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STREAMS = List.of("/api/alerts/stream", "/api/research/export");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STREAMS.contains(path) || !AccessAuditInterceptor.readsPatientData(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        if (request.getAttribute(AUDIT_FAILED) == null) {
            held.copyBodyToResponse();
            return;
        }
        held.resetBuffer();
        response.reset();
        response.setStatus(503);
        response.setHeader("Retry-After", "5");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = "This read could not be recorded in the access audit, so nothing of it is returned; "
                + "try again shortly.";
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/fhir")) {
            response.setContentType("application/fhir+json");
            body.put("resourceType", "OperationOutcome");
            body.put("issue", List.of(Map.of("severity", "error", "code", "transient", "diagnostics", detail)));
        } else {
            response.setContentType("application/problem+json");
            body.put("type", "about:blank");
            body.put("title", "Access audit unavailable");
            body.put("status", 503);
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
        }
        JSON.writeValue(response.getWriter(), body);
    }
}
