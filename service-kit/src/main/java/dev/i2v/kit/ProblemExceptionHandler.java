package dev.i2v.kit;

import java.net.URI;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

/**
 * The one place where exceptions become problem+json. Client errors keep their message; anything
 * unexpected is logged here with its stack trace and answered as a bare 500 that reveals nothing.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        ProblemDetail body = problem(e.status(), e.code(), e.getMessage(), request);
        e.properties().forEach(body::setProperty);
        return respond(body);
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> invalidFields(BindException e, HttpServletRequest request) {
        String detail = e.getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request", detail, request));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request",
                "the request body is not valid JSON of the expected shape", request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request",
                "parameter '" + e.getName() + "' has an invalid value", request));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            return springError(response, request);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request",
                "the multipart body could not be read", request));
    }

    private ResponseEntity<ProblemDetail> springError(ErrorResponse e, HttpServletRequest request) {
        HttpStatusCode status = e.getStatusCode();
        String detail = e.getBody().getDetail();
        return respond(problem(status, ProblemCodes.forStatus(status.value()), detail, request));
    }

    /** The database or another dependency is down for a moment: nothing was changed, the client may retry. */
    @ExceptionHandler({TransientDataAccessException.class,
            DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        log.warn("dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return ResponseEntity.status(503).header("Retry-After", "1").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "a dependency is unavailable; nothing was changed, try again", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            // Spring MVC's own client errors: unknown path, wrong method, wrong media type, ...
            return springError(response, request);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "an unexpected error occurred", request));
    }

    /** The request attribute a service's request-id filter sets; problems then carry it as {@code request_id}. */
    public static final String REQUEST_ID = "i2v.request_id";

    /** Builds a problem with its {@code code}; services use it for errors raised outside controllers. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setProperty("code", code);
        if (request != null) {
            body.setInstance(URI.create(request.getRequestURI()));
            if (request.getAttribute(REQUEST_ID) instanceof String id) {
                body.setProperty("request_id", id);
            }
        }
        return body;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
