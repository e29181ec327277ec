/**
 * The web page for people ({@code /}, {@code /web/**}): a static page over the public API, the small
 * settings it reads before sign-in, and the security headers it is served with.
 */
package dev.i2v.gateway.web;
