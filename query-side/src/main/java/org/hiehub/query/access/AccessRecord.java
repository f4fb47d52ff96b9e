package org.hiehub.query.access;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What one request read, collected while it runs and written to the access audit when it completes: the
 * patients whose data it touched, the consent outcome, and how many of each kind of record it returned.
 */
public final class AccessRecord {

    private static final String ATTRIBUTE = AccessRecord.class.getName();
    private final Set<String> patients = new LinkedHashSet<>();
    private final Map<String, Integer> returned = new LinkedHashMap<>();
    private final Map<String, AccessDecision> decisions = new LinkedHashMap<>();
    private AccessDecision.Outcome outcome;
    private String emergencyAccessId;

    /** The record of the current request; a throwaway one outside a request (CLI, tests calling beans). */
    public static AccessRecord current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return new AccessRecord();
        }
        Object existing = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (existing instanceof AccessRecord record) {
            return record;
        }
        AccessRecord created = new AccessRecord();
        request.setAttribute(ATTRIBUTE, created, RequestAttributes.SCOPE_REQUEST);
        return created;
    }

    static AccessRecord of(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AccessRecord record ? record : null;
    }

    synchronized AccessDecision decisionFor(String masterPatientId) {
        return decisions.get(masterPatientId);
    }

    synchronized void decided(AccessDecision decision) {
        decisions.put(decision.masterPatientId(), decision);
        patients.add(decision.masterPatientId());
        if (outcome == null || decision.outcome().ordinal() > outcome.ordinal()) {
            outcome = decision.outcome();
        }
        if (decision.emergencyAccessId() != null) {
            emergencyAccessId = decision.emergencyAccessId();
        }
    }

    /** A patient whose data the request read outside a consent decision (their consent file, say). */
    public synchronized void touched(String masterPatientId) {
        patients.add(masterPatientId);
    }

    /** Count {@code n} more returned records of {@code kind} (e.g. {@code Observation}, {@code TimelineEntry}). */
    public synchronized void returned(String kind, int n) {
        returned.merge(kind, n, Integer::sum);
    }

    synchronized Set<String> patients() {
        return Set.copyOf(patients);
    }

    synchronized Map<String, Integer> returned() {
        return Map.copyOf(returned);
    }

    synchronized AccessDecision.Outcome outcome() {
        return outcome;
    }

    synchronized String emergencyAccessId() {
        return emergencyAccessId;
    }
}
