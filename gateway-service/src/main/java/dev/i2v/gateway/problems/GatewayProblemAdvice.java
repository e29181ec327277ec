package dev.i2v.gateway.problems;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import tools.jackson.databind.json.JsonMapper;

import dev.i2v.kit.ProblemExceptionHandler;

/** The gateway's words for generic upload errors, ahead of the shared handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayProblemAdvice {

    private final JsonMapper json;

    GatewayProblemAdvice(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<byte[]> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return closing(ProblemExceptionHandler.problem(HttpStatus.CONTENT_TOO_LARGE,
                "image_too_large", "the upload is larger than the limit", request));
    }

    /** A body stopped at its limit while Jackson read it is too large, not malformed. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return closing(ProblemExceptionHandler.problem(HttpStatus.CONTENT_TOO_LARGE,
                        "image_too_large", tooLarge.getMessage(), request));
            }
        }
        return respond(ProblemExceptionHandler.problem(HttpStatus.BAD_REQUEST, "invalid_request",
                "the request body is not valid JSON of the expected shape", request));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        String code = "image".equals(e.getRequestPartName()) ? "invalid_image" : "invalid_request";
        return respond(ProblemExceptionHandler.problem(HttpStatus.BAD_REQUEST, code,
                "the part '" + e.getRequestPartName() + "' is required", request));
    }

    /**
     * The client may still be sending a body we will not read, so the connection is closed after the answer;
     * a sized (not chunked) answer arrives whole even so.
     */
    private ResponseEntity<byte[]> closing(ProblemDetail body) {
        byte[] bytes = json.writeValueAsBytes(body);
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Connection", "close").contentLength(bytes.length).body(bytes);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
