package dev.i2v.gateway.operators;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Scoped operator tokens beside {@code i2v.gateway.admin-token} (which is the operator {@code admin}), e.g.
 * {@code I2V_GATEWAY_OPERATORS_TOKENS_0_NAME=alice}, {@code ..._0_ROLE=support}, {@code ..._0_TOKEN=<secret>}.
 */
@ConfigurationProperties("i2v.gateway.operators")
@Validated
public record OperatorsProperties(@Valid List<Token> tokens) {

    public OperatorsProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /**
     * @param name  how the audit log names the operator
     * @param token the bearer token, at least 24 characters
     */
    public record Token(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String name, @NotNull OperatorRole role,
                        @NotBlank @Size(min = 24) String token) {
    }
}
