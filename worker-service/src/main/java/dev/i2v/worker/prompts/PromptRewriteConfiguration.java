package dev.i2v.worker.prompts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The prompt rewriter, idle unless {@code i2v.prompt-rewrite.base-url} is set. */
@Configuration(proxyBeanMethods = false)
class PromptRewriteConfiguration {

    @Bean
    PromptRewriter promptRewriter(PromptRewriteProperties properties, JsonMapper json) {
        return new PromptRewriter(properties, json);
    }
}
