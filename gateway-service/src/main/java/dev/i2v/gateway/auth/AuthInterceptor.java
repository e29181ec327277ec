package dev.i2v.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.i2v.gateway.operators.Operator;
import dev.i2v.gateway.operators.OperatorTokens;
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
    private final OperatorTokens operators;

    AuthInterceptor(ApiKeyService apiKeys, OidcTokens oidc, DailyGrantTrigger dailyGrant, OperatorTokens operators) {
        this.apiKeys = apiKeys;
        this.oidc = oidc;
        this.dailyGrant = dailyGrant;
        this.operators = operators;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String token = bearerToken(request);
        if (request.getRequestURI().startsWith("/admin/")) {
            Operator operator = operators.operatorFor(token)
                    .orElseThrow(() -> GatewayException.unauthenticated("a valid admin or operator token is required"));
            if (!operator.role().allows(request.getMethod())) {
                throw GatewayException.forbidden("the " + operator.role().wireName() + " role may read but not change");
            }
            request.setAttribute(Operator.ATTRIBUTE, operator);
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
