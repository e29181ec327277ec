package dev.i2v.kit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Base of each service's exception hierarchy: an error a client caused or can act on, answered as
 * problem+json with {@link #code()} and any extra {@link #properties()}.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    protected ProblemException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    protected ProblemException(HttpStatus status, String code, String message, Map<String, Object> properties) {
        super(message);
        this.status = status;
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
    }

    public HttpStatus status() {
        return status;
    }

    /** Stable, machine-readable, snake_case: clients branch on it. */
    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
