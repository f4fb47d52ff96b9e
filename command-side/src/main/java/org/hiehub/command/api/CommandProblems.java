package org.hiehub.command.api;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hiehub.command.consent.ConsentRuleViolation;
import org.hiehub.command.identity.IdentityRuleViolation;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refused commands into RFC 9457 problem details. Axon delivers a handler's exception as-is on a local
 * command bus but wrapped in a {@link CommandExecutionException} when commands travel through Axon Server, so
 * both shapes are unwrapped here.
 */
@RestControllerAdvice(basePackages = "org.hiehub.command")
public class CommandProblems {

    @ExceptionHandler(IdentityRuleViolation.class)
    ProblemDetail ruleViolated(IdentityRuleViolation e) {
        return problem(HttpStatus.CONFLICT, "Identity rule violated", e.getMessage());
    }

    @ExceptionHandler(ConsentRuleViolation.class)
    ProblemDetail consentRuleViolated(ConsentRuleViolation e) {
        return problem(HttpStatus.CONFLICT, "Consent rule violated", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown record", "no record with id " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail failed(CommandExecutionException e) {
        Optional<Object> details = e.getDetails();
        Throwable cause = e.getCause();
        if (cause instanceof IdentityRuleViolation violation) {
            return ruleViolated(violation);
        }
        if (cause instanceof ConsentRuleViolation violation) {
            return consentRuleViolated(violation);
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return notFound(missing);
        }
        return problem(HttpStatus.CONFLICT, "Command refused",
                details.map(Object::toString).orElse(e.getMessage()));
    }

    /**
     * PostgreSQL (event store, identity index) restarting or unreachable: the command was not carried out and may be
     * sent again; nothing is half-written, because every command commits in one transaction or not at all. A
     * connection cut in the middle of a transaction fails its rollback too, and that failure
     * ({@link TransactionSystemException}) then hides the connection error it followed.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class, SQLTransientException.class, SQLRecoverableException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Event store unavailable",
                        "the command was not carried out (" + e.getClass().getSimpleName() + "); send it again"));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
