package org.hiehub.query.patient;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.access.PatientAccess;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details (RFC 9457) for the read API. */
@RestControllerAdvice(basePackages = "org.hiehub.query")
public class QueryProblems {

    @ExceptionHandler(PatientController.UnknownPatient.class)
    ProblemDetail unknown(PatientController.UnknownPatient e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown patient", e.getMessage());
    }

    @ExceptionHandler(PatientAccess.ConsentDenied.class)
    ProblemDetail consentDenied(PatientAccess.ConsentDenied e) {
        return problem(HttpStatus.FORBIDDEN, "Withheld by the patient's consent", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(ViewFreshness.ViewNotCurrent.class)
    ResponseEntity<ProblemDetail> notCurrent(ViewFreshness.ViewNotCurrent e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .header(ViewFreshness.POSITION_HEADER, Long.toString(e.current()))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "View not current yet", e.getMessage()));
    }

    /** The read store is away: no answer rather than a partial one; projections catch up once it is back. */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class})
    ResponseEntity<ProblemDetail> readStoreUnavailable(MongoException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Read store unavailable",
                        "the views cannot be read right now (" + e.getClass().getSimpleName() + "); retry later"));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
