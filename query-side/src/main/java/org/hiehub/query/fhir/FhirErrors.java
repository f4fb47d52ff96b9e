package org.hiehub.query.fhir;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.hiehub.query.freshness.ViewFreshness;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.hiehub.query.access.PatientAccess;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * FHIR clients expect an OperationOutcome, not RFC 9457 problem details: this advice is ordered ahead of the read
 * API's general one and covers only the facade's controllers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = FhirErrors.class)
public class FhirErrors {

    private final FhirResponses responses;

    public FhirErrors(FhirResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(UnknownResource.class)
    ResponseEntity<String> unknown(UnknownResource e) {
        return responses.outcome(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, e.getMessage());
    }

    @ExceptionHandler(PatientAccess.ConsentDenied.class)
    ResponseEntity<String> consentDenied(PatientAccess.ConsentDenied e) {
        return responses.outcome(HttpStatus.FORBIDDEN, IssueType.SUPPRESSED, e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<String> invalid(Exception e) {
        return responses.outcome(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
    }

    @ExceptionHandler(ViewFreshness.ViewNotCurrent.class)
    ResponseEntity<String> notCurrent(ViewFreshness.ViewNotCurrent e) {
        ResponseEntity<String> outcome = responses.outcome(HttpStatus.SERVICE_UNAVAILABLE, IssueType.TRANSIENT,
                e.getMessage());
        return ResponseEntity.status(outcome.getStatusCode()).headers(outcome.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .header(ViewFreshness.POSITION_HEADER, Long.toString(e.current())).body(outcome.getBody());
    }

    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class})
    ResponseEntity<String> readStoreUnavailable(MongoException e) {
        ResponseEntity<String> outcome = responses.outcome(HttpStatus.SERVICE_UNAVAILABLE, IssueType.TRANSIENT,
                "the views cannot be read right now (" + e.getClass().getSimpleName() + "); retry later");
        return ResponseEntity.status(outcome.getStatusCode()).headers(outcome.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(outcome.getBody());
    }

    /** A resource the facade does not hold; answered 404. Its message names only the type and id, never PHI. */
    static class UnknownResource extends RuntimeException {
        UnknownResource(String type, String id) {
            super("no " + type + " with id " + id);
        }
    }
}
