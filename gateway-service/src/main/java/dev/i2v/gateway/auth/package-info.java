/**
 * Who is calling: API keys (issued by the admin API, stored as hashes) for {@code /v1}, the admin
 * token for {@code /admin/v1}. The resolved caller travels as a request attribute.
 */
package dev.i2v.gateway.auth;
