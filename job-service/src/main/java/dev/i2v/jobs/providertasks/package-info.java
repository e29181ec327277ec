/**
 * The provider task of each live attempt, recorded by the worker the moment the provider returns its id and read
 * by a worker that takes the attempt over: what makes every provider task paid once. And the deployment's budget of
 * each route (provider account) — concurrent tasks, creates per minute — that every worker asks before a create.
 */
package dev.i2v.jobs.providertasks;
