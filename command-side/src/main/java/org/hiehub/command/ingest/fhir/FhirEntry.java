package org.hiehub.command.ingest.fhir;

import org.hiehub.command.ingest.RejectedInput;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource of a message with where it sits: a Bundle entry ({@code fullUrl}, request method) or an NDJSON
 * line. {@code resource} is null for request-only entries (a DELETE or GET in a transaction or batch);
 * {@code requestUrl} is the entry's {@code request.url}, or null; {@code ifNoneExist} its conditional create's
 * search ({@code request.ifNoneExist}), or null.
 * {@code position} reads "Bundle.entry[3]" or "line 7", so a rejection can name the spot. {@code unreadable} is
 * why a batch entry's resource could not be read (its resource is then null), else null.
 */
record FhirEntry(String fullUrl, Resource resource, String method, String requestUrl, String ifNoneExist,
                 String position, RejectedInput unreadable) {

    FhirEntry(String fullUrl, Resource resource, String method, String position) {
        this(fullUrl, resource, method, null, null, position, null);
    }

    boolean inBundle() {
        return position.startsWith("Bundle.");
    }

    /** The location of one of the resource's elements: "Bundle.entry[3].resource.subject", "line 7: Observation.subject". */
    String where(String element) {
        String resourcePath = inBundle() ? position + ".resource"
                : position + ": " + (resource == null ? "resource" : resource.fhirType());
        return element == null ? resourcePath : resourcePath + "." + element;
    }

    String resourceType() {
        return resource == null ? null : resource.fhirType();
    }

    /** The resource's logical id, or for a urn:uuid / RESTful fullUrl its last segment. */
    String logicalId() {
        if (resource != null && resource.hasIdElement() && resource.getIdElement().getIdPart() != null) {
            return resource.getIdElement().getIdPart();
        }
        return lastSegment(fullUrl);
    }

    static String lastSegment(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.startsWith("urn:uuid:") ? url.substring("urn:uuid:".length())
                : url.startsWith("urn:oid:") ? url.substring("urn:oid:".length()) : url;
        int history = trimmed.indexOf("/_history/");
        String plain = history < 0 ? trimmed : trimmed.substring(0, history);
        return plain.substring(plain.lastIndexOf('/') + 1);
    }
}
