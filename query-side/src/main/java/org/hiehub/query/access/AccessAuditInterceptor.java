package org.hiehub.query.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.hiehub.query.audit.AccessAuditLog;
import org.hiehub.query.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Writes one access-audit entry per request to patient data, after the response is decided: who asked, with
 * which roles, organization and purpose, which patients the readers touched, what they returned and the outcome.
 * Audit is a cross-cutting concern, so readers only note what they read ({@link AccessRecord}).
 */
@Component
public class AccessAuditInterceptor implements HandlerInterceptor {

    /** The paths that read patient data. */
    public static final List<String> PATIENT_DATA = List.of("/api/patients/**", "/api/patients", "/fhir/**",
            "/api/care-gaps/**", "/api/care-gaps", "/api/alerts/**", "/api/alerts", "/api/consents/**",
            "/api/research/**", "/api/admin/replay/**");
    private static final List<PathPattern> PATIENT_DATA_PATTERNS = PATIENT_DATA.stream()
            .map(PathPatternParser.defaultInstance::parse).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger logger = LoggerFactory.getLogger(AccessAuditInterceptor.class);
    /** access_audit.action is varchar(1100). */
    static final int MAX_ACTION = 1_000;
    private final AccessAuditLog log;

    public AccessAuditInterceptor(AccessAuditLog log) {
        this.log = log;
    }

    /** Whether a path (without the context path) is one of {@link #PATIENT_DATA}. */
    public static boolean readsPatientData(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return PATIENT_DATA_PATTERNS.stream().anyMatch(p -> p.matches(container));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AccessRecord.current(); // opened here so readers on other threads of this request find the same one
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getRequestURI().endsWith("/fhir/metadata")) {
            return;
        }
        AccessRecord record = AccessRecord.of(request);
        if (record == null) {
            return;
        }
        int status = response.getStatus();
        try {
            log.append(entry(request, status, record));
        } catch (RuntimeException e) {
            // the answer is still held (AuditedAnswers): it is replaced by a 503 rather than sent unaudited
            request.setAttribute(AuditedAnswers.AUDIT_FAILED, Boolean.TRUE);
            logger.error("The access audit could not be written; the answer to {} {} is withheld",
                    request.getMethod(), request.getRequestURI(), e);
        }
    }

    private static AuditEntry entry(HttpServletRequest request, int status, AccessRecord record) {
        Caller caller = Caller.current();
        AccessDecision.Outcome decided = record.outcome();
        String outcome = decided == AccessDecision.Outcome.DENIED ? "denied"
                : status >= 400 ? "failed" : decided == null ? "allowed" : decided.auditName();
        return new AuditEntry(0, Instant.now(), caller.user(), String.join(",", new java.util.TreeSet<>(caller.roles())),
                caller.organization(), caller.purpose(), action(request), String.join(",", record.patients()),
                outcome, status, json(record), record.emergencyAccessId());
    }

    /**
     * Method, path and the names of the query parameters: search values (a name, a birth date) are PHI. At most
     * {@value #MAX_ACTION} characters (the column's size, less room for the mark): a path of thousands of
     * characters failed the audit's insert, and the read went out unaudited.
     */
    public static String action(HttpServletRequest request) {
        String action = request.getMethod() + " " + request.getRequestURI();
        List<String> names = Collections.list(request.getParameterNames());
        String full = names.isEmpty() ? action : action + "?" + String.join(",", new java.util.TreeSet<>(names));
        return full.length() <= MAX_ACTION ? full
                : full.substring(0, MAX_ACTION - 40) + "… (" + full.length() + " characters)";
    }

    private static String json(AccessRecord record) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(record.returned()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
