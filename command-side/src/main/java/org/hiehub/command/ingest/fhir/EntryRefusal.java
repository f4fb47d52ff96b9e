package org.hiehub.command.ingest.fhir;

import java.util.Optional;
import java.util.Set;

/**
 * Why a Bundle entry asks for something the ingest endpoint does not do: a DELETE or PATCH (the hub's record is
 * append-only), a read (GET, HEAD: the read API serves those), an operation ({@code ValueSet/$lookup}), or a create
 * or update without its resource. A
 * transaction holding one is refused whole; in a batch that entry alone is answered with {@code status}.
 * {@code tableCode} is the HL7 table 0357 code the refusal carries (200 unsupported, 101 required missing).
 */
record EntryRefusal(String reason, String location, int tableCode, String status) {

    private static final Set<String> CHANGES = Set.of("DELETE", "PATCH");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    static Optional<EntryRefusal> of(FhirEntry entry) {
        String method = entry.method();
        String at = entry.position() + ".request.method";
        if (method != null && CHANGES.contains(method)) {
            return Optional.of(new EntryRefusal(method + " is not carried out: the hub's record is append-only; send "
                    + "the corrected resource instead (a retraction with status entered-in-error)", at, 200,
                    "405 Method Not Allowed"));
        }
        if (method != null && READS.contains(method)) {
            return Optional.of(new EntryRefusal(method + " is not served by the ingest endpoint; read through the "
                    + "read API (/fhir/Patient, /api/patients)", at, 200, "405 Method Not Allowed"));
        }
        if (entry.requestUrl() != null && entry.requestUrl().contains("$")) {
            return Optional.of(new EntryRefusal("operations are not served by the ingest endpoint (request.url names "
                    + "one)", entry.position() + ".request.url", 200, "400 Bad Request"));
        }
        if (entry.resource() == null) {
            String what = "EMPTY".equals(method) ? "the entry has neither a resource nor a request"
                    : "a " + method + " entry carries no resource";
            return Optional.of(new EntryRefusal(what, entry.position() + ".resource", 101, "400 Bad Request"));
        }
        return Optional.empty();
    }
}
