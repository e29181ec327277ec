package dev.i2v.kit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.i2v.kit.ProblemExceptionHandler;

/**
 * Refuses an internal call without the service credential (401, nothing read), and takes the caller's
 * request id into this service's log context and problems.
 */
class InternalApiGuard extends OncePerRequestFilter {

    private final byte[] expected;

    InternalApiGuard(InternalApiProperties properties) {
        this.expected = ("Bearer " + properties.token()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(InternalCalls.REQUEST_ID_HEADER);
        if (InternalCalls.isSaneRequestId(requestId)) {
            request.setAttribute(ProblemExceptionHandler.REQUEST_ID, requestId);
            MDC.put(InternalCalls.REQUEST_ID_MDC, requestId);
        }
        try {
            if (!authorised(request.getHeader("Authorization"))) {
                refuse(response);
                return;
            }
            chain.doFilter(request, response);
        } finally {
            MDC.remove(InternalCalls.REQUEST_ID_MDC);
        }
    }

    private boolean authorised(String header) {
        // constant time: the comparison must not tell a caller how much of the token it guessed
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"code\":\"unauthenticated\",\"detail\":\"the internal API needs the service credential\"}");
    }
}
