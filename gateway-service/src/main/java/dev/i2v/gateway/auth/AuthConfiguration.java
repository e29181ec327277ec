package dev.i2v.gateway.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.i2v.gateway.operators.OperatorTokens;
import dev.i2v.kit.callbacks.CallbackLinks;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    private final ApiKeyService apiKeys;
    private final OidcTokens oidc;
    private final DailyGrantTrigger dailyGrant;
    private final OperatorTokens operators;

    AuthConfiguration(ApiKeyService apiKeys, OidcTokens oidc, DailyGrantTrigger dailyGrant, OperatorTokens operators) {
        this.apiKeys = apiKeys;
        this.oidc = oidc;
        this.dailyGrant = dailyGrant;
        this.operators = operators;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthInterceptor(apiKeys, oidc, dailyGrant, operators)).addPathPatterns("/v1/**", "/admin/v1/**", "/openai/v1/**")
                // signed links carry their own authorization
                .excludePathPatterns("/v1/inputs/**", CallbackLinks.PATH + "/**");
    }
}
