package org.hiehub.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hiehub.query.freshness.ViewFreshness;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Encodes facade answers as {@code application/fhir+json} with HAPI's parser, saying how current the view is. */
@Component
public class FhirResponses {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    private final FhirContext fhir;

    public FhirResponses(FhirContext fhir) {
        this.fhir = fhir;
    }

    ResponseEntity<String> ok(IBaseResource resource, long viewPosition) {
        return of(HttpStatus.OK, resource, viewPosition);
    }

    /** An answer already encoded (see {@link #encode}). */
    ResponseEntity<String> ok(String encoded, long viewPosition) {
        return of(HttpStatus.OK, encoded, viewPosition);
    }

    ResponseEntity<String> of(HttpStatus status, IBaseResource resource, Long viewPosition) {
        return of(status, encode(resource), viewPosition);
    }

    String encode(IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private static ResponseEntity<String> of(HttpStatus status, String encoded, Long viewPosition) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(FHIR_JSON);
        if (viewPosition != null) {
            answer.header(ViewFreshness.POSITION_HEADER, Long.toString(viewPosition));
        }
        return answer.body(encoded);
    }

    ResponseEntity<String> outcome(HttpStatus status, OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                .setDiagnostics(diagnostics);
        return of(status, outcome, null);
    }
}
