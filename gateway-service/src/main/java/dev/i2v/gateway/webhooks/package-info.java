/** What a client needs to verify the webhooks it receives: its signing secret (Standard Webhooks). */
package dev.i2v.gateway.webhooks;
