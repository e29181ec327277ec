package dev.i2v.gateway.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.problems.GatewayException;

class RateLimitInterceptorTest {

    final RateLimitInterceptor interceptor = new RateLimitInterceptor(new RateLimiter(new RateLimitProperties(5, 2)));
    final UUID account = UUID.randomUUID();

    @Test
    void answersCarryTheLimitAndWhatIsLeftAndAnEmptyBucketIs429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            MockHttpServletResponse response = call("GET", "/v1/credits", account);
            assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("5");
            assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        MockHttpServletResponse refused = new MockHttpServletResponse();

        assertThatThrownBy(() -> interceptor.preHandle(request("GET", "/v1/credits", account), refused, null))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("rate_limited");
                });
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void submissionsHaveATighterBucketOfTheirOwnAndAccountsAreApart() {
        call("POST", "/v1/videos", account);
        call("POST", "/v1/videos", account);

        assertThatThrownBy(() -> call("POST", "/v1/videos", account)).isInstanceOf(GatewayException.class);
        assertThat(call("GET", "/v1/videos", account).getStatus()).isEqualTo(200);
        assertThat(call("POST", "/v1/videos", UUID.randomUUID()).getHeader("RateLimit-Remaining")).isEqualTo("1");
    }

    private MockHttpServletResponse call(String method, String path, UUID caller) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        interceptor.preHandle(request(method, path, caller), response, null);
        return response;
    }

    private static MockHttpServletRequest request(String method, String path, UUID caller) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setAttribute(Caller.ATTRIBUTE, new Caller(caller));
        return request;
    }
}
