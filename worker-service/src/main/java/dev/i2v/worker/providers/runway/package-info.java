/** Runway's API: {@code image_to_video} tasks, polled at {@code /v1/tasks/{id}}, cancelled by DELETE. */
package dev.i2v.worker.providers.runway;
