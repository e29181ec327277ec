/** The gateway's exception hierarchy: every error a client can see, with its status and stable code. */
package dev.i2v.gateway.problems;
