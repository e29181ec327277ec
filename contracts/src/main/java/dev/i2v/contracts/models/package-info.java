/**
 * The catalogue of video models: public name, the provider that serves it, the provider's own model
 * id and the options a job may ask for. The gateway validates requests and answers
 * {@code GET /v1/models} from it; the workers route jobs to adapters by it. One list, so the two can
 * never disagree about what a model accepts.
 */
package dev.i2v.contracts.models;
