package dev.i2v.gateway.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The public API's OpenAPI document: authentication, problems with examples, job examples. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String PROBLEM = "application/problem+json";

    @Bean
    OpenAPI i2vOpenApi() {
        return new OpenAPI()
                .info(new Info().title("i2v public API").version("v1")
                        .description("Image-to-video jobs: submit an image and a prompt, follow the job, download the MP4. "
                                + "Points are held at submit and charged only for a delivered video. Errors are RFC 9457 "
                                + "problems with a stable `code`.")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key (`i2v_...`) from the admin API or `.local-stack/demo-api-key`"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    /**
     * Schemas with the wire's snake_case names. swagger-core reads models with its own (Jackson 2) mapper,
     * which does not know the application's naming strategy, so it is told here.
     */
    @Bean
    ModelResolver snakeCaseModels(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** The public API only: admin and signed-link endpoints are left out. */
    @Bean
    GroupedOpenApi publicApi() {
        return GroupedOpenApi.builder().group("public").pathsToMatch("/v1/**").pathsToExclude("/v1/inputs/**", "/v1/provider-callbacks/**")
                .addOpenApiCustomizer(problemsAndExamples())
                .addOpenApiCustomizer(generatorReady("i2v public API", "Image-to-video jobs: submit an image and a "
                        + "prompt, follow the job, download the MP4. Points are held at submit and charged only for a "
                        + "delivered video. Errors are RFC 9457 problems with a stable `code`.")).build();
    }

    /** The OpenAI-compatible door; OpenAI's own API reference describes its shapes in full. */
    @Bean
    GroupedOpenApi openAiApi() {
        return GroupedOpenApi.builder().group("openai").pathsToMatch("/openai/v1/**")
                .addOpenApiCustomizer(generatorReady("i2v OpenAI-compatible Videos API", "OpenAI's Videos API over "
                        + "the same jobs as `/v1`: change only the base URL and the key of code written for OpenAI's "
                        + "SDKs. Errors come in OpenAI's `{\"error\": {...}}` envelope.")).build();
    }

    @Bean
    GroupedOpenApi adminApi() {
        return GroupedOpenApi.builder().group("admin").pathsToMatch("/admin/v1/**")
                .addOpenApiCustomizer(adminProblems())
                .addOpenApiCustomizer(generatorReady("i2v admin API", "Operators' API: accounts, plans, prices, keys, "
                        + "OIDC identities, grants, the ledger audit and the audit log of every operator action. "
                        + "Authenticated with the admin token or a scoped operator token; the support role may only read.")).build();
    }

    /** Operators' calls: a wrong token, a support token changing something, a service down. */
    private static OpenApiCustomizer adminProblems() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<ApiErrors.Error> errors = new ArrayList<>(List.of(ApiErrors.UNAUTHENTICATED, ApiErrors.UNAVAILABLE));
            if (!method.name().equals("GET")) {
                errors.add(ApiErrors.FORBIDDEN);
            }
            addProblems(operation, errors);
        }));
    }

    private static OpenApiCustomizer problemsAndExamples() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<ApiErrors.Error> errors = new ArrayList<>(ApiErrors.EVERYWHERE);
            errors.addAll(ApiErrors.BY_OPERATION.getOrDefault(method.name() + " " + path, List.of()));
            ResponseShapes.apply(openApi, method, path, operation);
            addProblems(operation, errors);
            JobExamples.addTo(method, path, operation);
        }));
    }

    /**
     * Makes a group's document lint clean under Spectral's {@code spectral:oas} rules and fit for client
     * generators: its own title and a contact, every operation's tag, id, summary and description from
     * {@link OperationDocs}, its tags declared, the problem schema present where it is referred to, and no schema
     * that nothing refers to (springdoc also lists the multipart binding and {@code SseEmitter} types).
     */
    private static OpenApiCustomizer generatorReady(String title, String description) {
        return openApi -> {
            openApi.info(new Info().title(title).version("v1").description(description)
                    .license(new License().name("Apache-2.0").identifier("Apache-2.0"))
                    .contact(new Contact().name("i2v maintainers").url("https://github.com/i2v/i2v")));
            Set<String> used = new TreeSet<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                OperationDocs.Doc doc = OperationDocs.BY_OPERATION.get(method.name() + " " + path);
                if (doc != null) {
                    operation.setTags(List.of(doc.tag()));
                    operation.setOperationId(doc.operationId());
                    operation.setSummary(doc.summary());
                    operation.setDescription(doc.description());
                }
                if (operation.getTags() != null) {
                    used.addAll(operation.getTags());
                }
            }));
            openApi.setTags(used.stream().map(tag -> new Tag().name(tag).description(OperationDocs.TAGS.get(tag))).toList());
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            if (json(openApi.getPaths()).contains("\"#/components/schemas/Problem\"")) {
                openApi.getComponents().addSchemas("Problem", problemSchema());
            }
            removeUnreferencedSchemas(openApi);
        };
    }

    @SuppressWarnings("rawtypes")
    private static void removeUnreferencedSchemas(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        boolean removed = schemas != null;
        while (removed) {
            removed = false;
            for (String name : List.copyOf(schemas.keySet())) {
                Map<String, Schema> others = new LinkedHashMap<>(schemas);
                others.remove(name);
                String ref = "\"#/components/schemas/" + name + "\"";
                if (!json(openApi.getPaths()).contains(ref) && !json(others).contains(ref)) {
                    schemas.remove(name);
                    removed = true;
                }
            }
        }
    }

    private static String json(Object part) {
        try {
            return Json.mapper().writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addProblems(Operation operation, List<ApiErrors.Error> errors) {
        Map<Integer, List<ApiErrors.Error>> byStatus = errors.stream()
                .collect(Collectors.groupingBy(ApiErrors.Error::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, sameStatus) -> {
            MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
            Map<String, Example> examples = new LinkedHashMap<>();
            for (ApiErrors.Error error : sameStatus) {
                examples.put(error.code(), new Example().summary(error.code()).value(example(error)));
            }
            problem.setExamples(examples);
            String description = sameStatus.stream().map(ApiErrors.Error::code).collect(Collectors.joining(", "));
            operation.getResponses().addApiResponse(Integer.toString(status),
                    new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM, problem)));
        });
    }

    private static Map<String, Object> example(ApiErrors.Error error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(error.status()).getReasonPhrase());
        body.put("status", error.status());
        body.put("detail", error.detail());
        body.put("code", error.code());
        body.put("request_id", "req_0192f1a4-7c1e-7d2a-9b1e-3f5a6c7d8e9f");
        return body;
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new Schema<>().type("string").description("always about:blank"));
        properties.put("title", new Schema<>().type("string"));
        properties.put("status", new Schema<>().type("integer").description("the HTTP status"));
        properties.put("detail", new Schema<>().type("string").description("what was wrong, in words, naming the field"));
        properties.put("instance", new Schema<>().type("string"));
        properties.put("code", new Schema<>().type("string").description("stable, machine-readable: see the error table"));
        properties.put("request_id", new Schema<>().type("string").description("quote it when reporting a problem"));
        return new Schema<>().type("object").description("RFC 9457 problem details with a stable code")
                .properties(properties).required(List.of("status", "code"));
    }
}
