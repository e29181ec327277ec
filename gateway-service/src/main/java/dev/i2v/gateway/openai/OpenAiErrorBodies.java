package dev.i2v.gateway.openai;

import java.util.HashMap;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.OpenAiErrors;

/**
 * Rewrites every problem answered under {@code /openai/} into OpenAI's error envelope, whoever raised it (the
 * authentication and rate-limit interceptors, the controllers, Spring MVC itself), so the one mapping of
 * exceptions to problems stays the only one.
 */
@RestControllerAdvice
class OpenAiErrorBodies implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    OpenAiErrorBodies(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servlet) || !OpenAiErrors.applies(servlet.getServletRequest())) {
            return body;
        }
        if (body instanceof ProblemDetail problem) {
            Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
            return rewrite(response, problem.getStatus(), problem.getDetail(), properties);
        }
        if (body instanceof byte[] bytes && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)) {
            // problems written ahead as bytes (sized answers that close the connection)
            JsonNode problem = json.readTree(bytes);
            Map<String, Object> properties = new HashMap<>();
            problem.properties().forEach(e -> properties.put(e.getKey(), e.getValue().isNumber()
                    ? e.getValue().numberValue() : e.getValue().asString()));
            byte[] rewritten = json.writeValueAsBytes(rewrite(response, problem.path("status").asInt(500),
                    problem.path("detail").asString(null), properties));
            response.getHeaders().setContentLength(rewritten.length);
            return rewritten;
        }
        return body;
    }

    private static Map<String, Object> rewrite(ServerHttpResponse response, int status, String detail,
                                               Map<String, Object> properties) {
        response.setStatusCode(HttpStatusCode.valueOf(OpenAiErrors.status(status)));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return OpenAiErrors.envelope(status, detail, properties);
    }
}
