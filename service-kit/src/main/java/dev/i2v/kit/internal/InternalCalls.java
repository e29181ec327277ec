package dev.i2v.kit.internal;

import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/** The calling side of the internal APIs. */
public final class InternalCalls {

    /** The header that carries a request's id from service to service. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The logging-context key of the request id ({@code %X{request_id}}). */
    public static final String REQUEST_ID_MDC = "request_id";

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private InternalCalls() {
    }

    /** Whether a request id someone sent is safe to echo and log: a short token, nothing that could forge a log line. */
    public static boolean isSaneRequestId(String id) {
        return id != null && SANE_REQUEST_ID.matcher(id).matches();
    }

    /** Adds the service credential, and the current request's id when there is one, to every call. */
    public static ClientHttpRequestInterceptor credentials(InternalApiProperties properties) {
        String authorization = "Bearer " + properties.token();
        return (request, body, execution) -> {
            request.getHeaders().set("Authorization", authorization);
            String requestId = MDC.get(REQUEST_ID_MDC);
            if (requestId != null) {
                request.getHeaders().set(REQUEST_ID_HEADER, requestId);
            }
            return execution.execute(request, body);
        };
    }
}
