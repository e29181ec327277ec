package dev.i2v.gateway.operators;

/**
 * The authenticated operator of an {@code /admin/v1} request; controllers take it as
 * {@code @RequestAttribute(Operator.ATTRIBUTE)}. The audit log records its name.
 */
public record Operator(String name, OperatorRole role) {

    public static final String ATTRIBUTE = "i2v.operator";
}
