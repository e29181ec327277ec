package dev.i2v.gateway.problems;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import dev.i2v.kit.ProblemExceptionHandler;

/** The gateway's words for generic upload errors, ahead of the shared handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayProblemAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return respond(ProblemExceptionHandler.problem(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE,
                "image_too_large", "the upload is larger than the limit", request));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        String code = "image".equals(e.getRequestPartName()) ? "invalid_image" : "invalid_request";
        return respond(ProblemExceptionHandler.problem(org.springframework.http.HttpStatus.BAD_REQUEST, code,
                "the part '" + e.getRequestPartName() + "' is required", request));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
