package dev.i2v.gateway.images;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.problems.BodyTooLargeException;
import dev.i2v.gateway.problems.OpenAiErrors;
import dev.i2v.kit.ProblemExceptionHandler;

/**
 * Keeps request bodies within their limit without buffering them: a declared {@code Content-Length}
 * over the limit is answered 413 before a byte is read, and a body of unknown length (chunked) is
 * counted as it is read and stopped at the limit. A create body may hold the largest image (base64 in
 * JSON takes 4/3 of it) plus its fields; anything else is small. Multipart bodies are also counted by
 * the container ({@code spring.servlet.multipart.max-request-size}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodyLimitFilter extends OncePerRequestFilter {

    private static final long FIELDS_ALLOWANCE = 256 * 1024;
    private static final long SMALL_BODY = 1024 * 1024;

    private final long imageBodyLimit;
    private final JsonMapper json;

    BodyLimitFilter(GatewayProperties properties, JsonMapper json) {
        this.imageBodyLimit = properties.images().maxBytes() / 3 * 4 + 4 + FIELDS_ALLOWANCE;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, limit), response);
    }

    private long limitOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/v1/videos") || path.equals("/v1/videos/quote") || path.equals("/openai/v1/videos")
                ? imageBodyLimit : SMALL_BODY;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        // the client is still sending: say so and close rather than read what is left
        response.setHeader("Connection", "close");
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        String detail = "the request body is larger than " + limit + " bytes";
        byte[] body;
        if (OpenAiErrors.applies(request)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            body = json.writeValueAsBytes(OpenAiErrors.envelope(413, detail, Map.of("code", "image_too_large")));
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            body = json.writeValueAsBytes(ProblemExceptionHandler.problem(HttpStatus.CONTENT_TOO_LARGE,
                    "image_too_large", detail, request));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** A request whose body stream stops with {@link BodyTooLargeException} past the limit. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
