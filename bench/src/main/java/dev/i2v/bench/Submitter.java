package dev.i2v.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.i2v.fixtures.TestImages;
import dev.i2v.localstack.ApiCall;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.Multipart;

/**
 * Submits jobs through the gateway as a client would (multipart, a 640×480 PNG, the {@code instant} test
 * model, whose prompt may say {@code sleep:<seconds>}) and remembers every accepted job's id.
 */
final class Submitter {

    private final LocalStack stack;
    private final byte[] image;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

    Submitter(LocalStack stack) throws IOException {
        this.stack = stack;
        this.image = TestImages.gradient("png", 640, 480);
    }

    /** One submit; returns the HTTP status (-1 when not answered at all). */
    int submit(String key, String prompt) {
        return submit(key, prompt, "instant");
    }

    /** One submit of the given model; returns the HTTP status (-1 when not answered at all). */
    int submit(String key, String prompt, String model) {
        Multipart form = new Multipart().field("prompt", prompt).field("model", model)
                .file("image", "bench.png", "image/png", image);
        try {
            ApiCall.Reply reply = ApiCall.to(stack, "POST", "/v1/videos").key(key).form(form).send();
            if (reply.status() == 202) {
                accepted.add(reply.json().get("id").asString());
            }
            return reply.status();
        } catch (UncheckedIOException e) {
            return -1; // connection refused or reset: a restart under way, say
        }
    }

    /** {@code count} submits of {@code model} from {@code threads} threads, the prompts {@code prefix + n}; waits for all. */
    void submitAll(String key, String model, String prefix, int count, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.execute(() -> submit(key, prefix + n, model));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the submits did not end within 30 minutes");
        }
    }

    List<String> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }
}
