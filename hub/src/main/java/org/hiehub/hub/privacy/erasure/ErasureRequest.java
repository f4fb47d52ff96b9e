package org.hiehub.hub.privacy.erasure;

/**
 * A lawful erasure request. {@code legalBasis} is a code (e.g. {@code GDPR-17-1-b} for withdrawn consent), and
 * {@code requestReference} the privacy office's own case number: neither may hold personal data.
 */
public record ErasureRequest(String masterPatientId, String legalBasis, String requestReference) {
}
