/**
 * The OpenAPI 3.1 document of the public API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * derived from the controllers by springdoc, completed here with the error problems and examples the
 * contract promises, so the controllers stay plain mappings.
 */
package dev.i2v.gateway.apidocs;
