package org.hiehub.hub.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hiehub.command.ingest.CorrelationId;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request a correlation id — the caller's {@code X-Correlation-Id} if it is a plain token, else a
 * new one — for the logging MDC of the request thread, and answers it in the same header so a caller can quote it.
 */
class CorrelationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrGenerate(request.getHeader(CorrelationId.HEADER));
        MDC.put(CorrelationId.KEY, id);
        response.setHeader(CorrelationId.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationId.KEY);
        }
    }
}
