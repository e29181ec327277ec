package dev.i2v.gateway.problems;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.github.f4b6a3.uuid.UuidCreator;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.i2v.kit.ProblemExceptionHandler;
import dev.i2v.kit.internal.InternalCalls;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, else a new
 * one. It is echoed in the {@code X-Request-Id} answer header, carried by every problem+json as
 * {@code request_id}, and put in the logging context ({@code request_id}), so a client's report can be
 * matched to our logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        // not UUID.randomUUID(): under load its shared SecureRandom serialised every request here (JFR, docs/benchmarks.md);
        // a request id needs to be unique, not unpredictable
        String id = InternalCalls.isSaneRequestId(offered) ? offered : "req_" + UuidCreator.getTimeOrderedEpochFast();
        request.setAttribute(ProblemExceptionHandler.REQUEST_ID, id);
        response.setHeader(HEADER, id);
        MDC.put(InternalCalls.REQUEST_ID_MDC, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(InternalCalls.REQUEST_ID_MDC);
        }
    }
}
