package org.hiehub.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** Which answer a failing command gets, as Spring MVC resolves it from the advice's handlers. */
class CommandProblemsTest {

    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(CommandProblems.class);

    @Test
    void a_rollback_failed_on_a_cut_connection_answers_503_like_the_connection_error_it_hides() throws Exception {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(
                new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"));

        assertThat(status(rollbackFailed)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
        assertThat(status(new DataAccessResourceFailureException("cut"))).isEqualTo(503);
    }

    private int status(Exception e) throws Exception {
        Method handler = resolver.resolveMethod(e);
        assertThat(handler).as("a handler for " + e.getClass().getSimpleName()).isNotNull();
        handler.setAccessible(true);
        Object answer = handler.invoke(new CommandProblems(), e);
        return answer instanceof ResponseEntity<?> entity ? entity.getStatusCode().value()
                : ((ProblemDetail) answer).getStatus();
    }
}
