package dev.i2v.worker.prompts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The rewrite against a stub of the OpenAI chat-completions API, and every way it can fail. */
class PromptRewriterTest {

    static final WireMockServer CHAT = new WireMockServer(options().dynamicPort());

    PromptRewriter rewriter;

    @BeforeAll
    static void start() {
        CHAT.start();
    }

    @AfterAll
    static void stop() {
        CHAT.stop();
    }

    @BeforeEach
    void setUp() {
        CHAT.resetAll();
        rewriter = new PromptRewriter(new PromptRewriteProperties(URI.create(CHAT.baseUrl() + "/v1/"), "sk-test",
                "gpt-4o-mini", Duration.ofMillis(800), PromptRewriteProperties.DEFAULT_INSTRUCTIONS),
                JsonMapper.builder().build());
    }

    @Test
    void theChatAnswerBecomesThePrompt() {
        CHAT.stubFor(post("/v1/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                 "content":"  A ginger cat stretches on a sunlit sofa as the camera slowly pushes in.  "}}]}""")));

        assertThat(rewriter.rewrite("cat on sofa [Push in]"))
                .contains("A ginger cat stretches on a sunlit sofa as the camera slowly pushes in.");
        CHAT.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("cat on sofa [Push in]"))));
    }

    @Test
    void errorsMalformedEmptyAndSlowAnswersLeaveThePromptAsWritten() {
        CHAT.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)));
        assertThat(rewriter.rewrite("a")).isEmpty();

        CHAT.stubFor(post("/v1/chat/completions").willReturn(okJson("{not json")));
        assertThat(rewriter.rewrite("a")).isEmpty();

        CHAT.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"choices\":[{\"message\":{\"content\":\"  \"}}]}")));
        assertThat(rewriter.rewrite("a")).isEmpty();

        CHAT.stubFor(post("/v1/chat/completions").willReturn(okJson(
                "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(2001) + "\"}}]}")));
        assertThat(rewriter.rewrite("a")).isEmpty();

        CHAT.stubFor(post("/v1/chat/completions").willReturn(okJson(
                "{\"choices\":[{\"message\":{\"content\":\"late\"}}]}").withFixedDelay(2000)));
        assertThat(rewriter.rewrite("a")).isEmpty();
    }

    @Test
    void withoutAnEndpointNothingIsCalled() {
        PromptRewriter off = new PromptRewriter(new PromptRewriteProperties(null, null, "m", Duration.ofSeconds(1), "x"),
                JsonMapper.builder().build());

        assertThat(off.enabled()).isFalse();
        assertThat(off.rewrite("a")).isEmpty();
        assertThat(CHAT.getAllServeEvents()).isEmpty();
    }
}
