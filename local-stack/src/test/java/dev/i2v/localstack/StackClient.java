package dev.i2v.localstack;

import java.io.UncheckedIOException;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public and admin API of a running stack, as a client sees it. */
public final class StackClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;

    public StackClient(LocalStack stack) {
        this.stack = stack;
    }

    /** A response: its status and body as JSON (or null for an empty body). */
    public record Answer(int status, JsonNode body) {
    }

    public Answer send(String key, String method, String path, String contentType, byte[] body) {
        try {
            ApiCall.Reply reply = ApiCall.to(stack, method, path).key(key).timeout(Duration.ofSeconds(30))
                    .body(contentType, body).send();
            return new Answer(reply.status(), reply.bytes().length == 0 ? null : JSON.readTree(reply.bytes()));
        } catch (UncheckedIOException e) {
            return new Answer(-1, null); // not answered: a restart under way, say
        }
    }

    public Answer get(String key, String path) {
        return send(key, "GET", path, null, null);
    }

    public Answer admin(String method, String path, String json) {
        return send(stack.adminToken(), method, path, "application/json", json == null ? null : json.getBytes());
    }

    public Answer submit(String key, byte[] image, String prompt, String model, String lane) {
        return submit(key, image, prompt, model, lane, false);
    }

    public Answer submit(String key, byte[] image, String prompt, String model, String lane, boolean promptOptimizer) {
        Multipart form = new Multipart().field("prompt", prompt).field("model", model).field("lane", lane)
                .field("prompt_optimizer", Boolean.toString(promptOptimizer))
                .file("image", "input.png", "image/png", image);
        return send(key, "POST", "/v1/videos", form.contentType(), form.bytes());
    }

    /** A new account: its API key and id. */
    public String[] newAccount(String plan) {
        JsonNode account = admin("POST", "/admin/v1/accounts", "{\"plan\":\"" + plan + "\"}").body();
        return new String[] {account.get("api_key").asString(), account.get("account_id").asString()};
    }

    /** Waits until the job is finished; returns its last state. */
    public JsonNode awaitTerminal(String key, String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            Answer answer = get(key, "/v1/videos/" + id);
            if (answer.status() == 200) {
                job = answer.body();
                if (job.get("status").asString().matches("succeeded|failed|cancelled")) {
                    return job;
                }
            }
            Thread.sleep(300);
        }
        return job;
    }
}
