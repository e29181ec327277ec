package dev.i2v.gateway.operators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.i2v.gateway.GatewayProperties;

/** The operator a bearer token belongs to: the admin token, or one of the scoped tokens. */
@Component
@EnableConfigurationProperties(OperatorsProperties.class)
public class OperatorTokens {

    /** The operator the admin token authenticates. */
    public static final String ADMIN = "admin";

    private final List<Entry> entries = new ArrayList<>();

    OperatorTokens(GatewayProperties gateway, OperatorsProperties operators) {
        entries.add(new Entry(new Operator(ADMIN, OperatorRole.ADMIN), bytes(gateway.adminToken())));
        for (OperatorsProperties.Token token : operators.tokens()) {
            entries.add(new Entry(new Operator(token.name(), token.role()), bytes(token.token())));
        }
    }

    /** Compares against every token in constant time each, so which one matched does not leak through timing. */
    public Optional<Operator> operatorFor(String bearerToken) {
        byte[] presented = bytes(bearerToken);
        Operator found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.token(), presented) && found == null) {
                found = entry.operator();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }

    private record Entry(Operator operator, byte[] token) {
    }
}
