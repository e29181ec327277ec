/**
 * The model catalogue as data: public models, the provider and provider model id that serve each, the durations and
 * resolutions it offers, and whether it is offered. Seeded from the compiled catalogue, edited by operators.
 */
package dev.i2v.jobs.catalogue;
