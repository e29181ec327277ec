package dev.i2v.gateway.ratelimits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.problems.GatewayException;

/** Runs after authentication: charges the caller's buckets and says how much is left. */
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller)) {
            return true;
        }
        RateLimiter.Decision decision = limiter.request(caller.accountId());
        if (decision.allowed() && isSubmit(request)) {
            decision = limiter.submit(caller.accountId());
        }
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.resetSeconds()));
            throw GatewayException.rateLimited(decision.resetSeconds());
        }
        return true;
    }

    private static boolean isSubmit(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && ("/v1/videos".equals(path) || "/openai/v1/videos".equals(path));
    }
}
