package dev.i2v.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.problems.GatewayException;

/**
 * Authenticates every {@code /v1} and {@code /admin/v1} request before its controller runs. Thrown
 * errors reach the problem handlers like any controller's.
 */
class AuthInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService apiKeys;
    private final OidcTokens oidc;
    private final DailyGrantTrigger dailyGrant;
    private final byte[] adminToken;

    AuthInterceptor(ApiKeyService apiKeys, OidcTokens oidc, DailyGrantTrigger dailyGrant, GatewayProperties properties) {
        this.apiKeys = apiKeys;
        this.oidc = oidc;
        this.dailyGrant = dailyGrant;
        this.adminToken = properties.adminToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String token = bearerToken(request);
        if (request.getRequestURI().startsWith("/admin/")) {
            // constant-time comparison: the admin token must not leak through timing
            if (!MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
                throw GatewayException.unauthenticated("a valid admin token is required");
            }
            return true;
        }
        Caller caller = apiKeys.accountFor(token).or(() -> oidc.accountFor(token)).map(Caller::new)
                .orElseThrow(() -> GatewayException.unauthenticated("a valid API key (or linked OIDC token) is required"));
        request.setAttribute(Caller.ATTRIBUTE, caller);
        dailyGrant.onAuthenticated(caller.accountId());
        return true;
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw GatewayException.unauthenticated("missing 'Authorization: Bearer <key>' header");
        }
        return header.substring(BEARER.length()).trim();
    }
}
