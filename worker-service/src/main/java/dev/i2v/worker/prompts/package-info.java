/**
 * The prompt optimizer for models without one of their own: a rewrite through an OpenAI-compatible
 * chat-completions endpoint (OpenAI, a local vLLM or Ollama, ...), off unless configured. Best effort:
 * when the endpoint fails, the job runs with the prompt as written.
 */
package dev.i2v.worker.prompts;
