/**
 * The services' internal HTTP APIs ({@code /internal/**}): a shared service credential that the serving
 * side demands and the calling side sends, and the request id carried along so one request can be
 * followed through every service's log.
 */
package dev.i2v.kit.internal;
