package dev.i2v.gateway.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.infra.TestServers;

/**
 * The limits on the real PostgreSQL, in a schema of their own migrated by the gateway's Flyway scripts; two
 * limiters on two connection pools stand for two gateway replicas.
 */
class RateLimitsIT {

    static DataSource replicaA;
    static DataSource replicaB;

    final RateLimitProperties limits = new RateLimitProperties(5, 2);
    final RateLimitInterceptor interceptor = new RateLimitInterceptor(new RateLimiter(limits, replicaA));
    final RateLimitInterceptor otherReplica = new RateLimitInterceptor(new RateLimiter(limits, replicaB));
    final UUID account = UUID.randomUUID();

    @BeforeAll
    static void migrate() {
        TestServers servers = TestServers.shared();
        String url = servers.jdbcUrl() + (servers.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=gateway_rate_limits";
        Flyway.configure().dataSource(url, servers.jdbcUser(), servers.jdbcPassword()).schemas("gateway_rate_limits")
                .locations("classpath:db/migration").load().migrate();
        replicaA = new DriverManagerDataSource(url, servers.jdbcUser(), servers.jdbcPassword());
        replicaB = new DriverManagerDataSource(url, servers.jdbcUser(), servers.jdbcPassword());
    }

    @Test
    void twoReplicasTakeFromTheSameBuckets() {
        for (int i = 0; i < 5; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            (i % 2 == 0 ? interceptor : otherReplica).preHandle(request("GET", "/v1/credits", account), response, null);
            assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }

        assertThatThrownBy(() -> otherReplica.preHandle(request("GET", "/v1/credits", account), new MockHttpServletResponse(), null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("rate_limited"));
        assertThatThrownBy(() -> interceptor.preHandle(request("GET", "/v1/credits", account), new MockHttpServletResponse(), null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("rate_limited"));
    }

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
