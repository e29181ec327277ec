/**
 * MiniMax (Hailuo) video API: {@code POST /v1/video_generation}, {@code GET /v1/query/video_generation},
 * {@code GET /v1/files/retrieve}. Business errors arrive as HTTP 200 with a non-zero
 * {@code base_resp.status_code}; statuses are compared case-insensitively.
 */
package dev.i2v.worker.providers.minimax;
