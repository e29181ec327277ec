package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.videos.ImageInputReferenceParam;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoListParams;
import com.openai.models.videos.VideoModel;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.i2v.fixtures.TestImages;

/**
 * The OpenAI-compatible door driven by OpenAI's official Java SDK ({@code com.openai:openai-java}), configured
 * only with our base URL and one of our API keys, against the whole running stack.
 */
class OpenAiSdkIT {

    @TempDir
    static Path data;
    @TempDir
    static Path files;
    static LocalStack stack;
    static StackClient api;
    static Path photo;

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackConfig.ephemeral(home, data));
        api = new StackClient(stack);
        photo = files.resolve("cat.png");
        Files.write(photo, TestImages.gradient("png", 640, 480));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static OpenAIClient client(String key) {
        // retries off: the refusals below must surface at once, as the SDK's typed exceptions
        return OpenAIOkHttpClient.builder().baseUrl(stack.config().gatewayUrl() + "/openai/v1").apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void anUploadedImageBecomesAnMp4ThatIsListedDownloadedAndDeleted() throws Exception {
        String key = api.newAccount("free")[0];
        OpenAIClient openai = client(key);

        Video created = openai.videos().create(VideoCreateParams.builder().prompt("a slow zoom in on the cat")
                .model(VideoModel.SORA_2).seconds(VideoSeconds._4).size(VideoSize._1280X720).inputReference(photo)
                .build());
        assertThat(created.status()).isIn(Video.Status.QUEUED, Video.Status.IN_PROGRESS);
        assertThat(created.model().asString()).as("sora-2 runs on the configured default model").isEqualTo("local");
        assertThat(created.seconds().asString()).as("4 s: the nearest duration the model offers").isEqualTo("6");
        assertThat(created.createdAt()).isCloseTo(System.currentTimeMillis() / 1000, Offset.offset(60L));

        Video done = awaitFinished(openai, created.id());
        assertThat(done.status()).isEqualTo(Video.Status.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.completedAt()).hasValueSatisfying(t -> assertThat(t).isGreaterThanOrEqualTo(created.createdAt()));
        assertThat(done.size().asString()).matches("\\d+x\\d+");
        assertThat(done.error()).isEmpty();

        Path mp4 = files.resolve("video.mp4");
        try (HttpResponse content = openai.videos().downloadContent(created.id()); InputStream body = content.body()) {
            assertThat(content.statusCode()).isEqualTo(200);
            Files.copy(body, mp4);
        }
        Map<String, String> probe = Ffprobe.probe(mp4);
        assertThat(probe.get("codec_name")).isEqualTo("h264");
        assertThat(Double.parseDouble(probe.get("duration"))).isBetween(5.9, 6.1);
        assertThat(probe.get("width") + "x" + probe.get("height")).isEqualTo(done.size().asString());

        List<String> listed = new ArrayList<>();
        openai.videos().list(VideoListParams.builder().limit(10).build()).autoPager().forEach(v -> listed.add(v.id()));
        assertThat(listed).containsExactly(created.id());
        assertThat(api.get(key, "/v1/credits").body().get("balance").asLong())
                .as("charged once, the same points as the native API").isEqualTo(970);

        var deleted = openai.videos().delete(created.id());
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.id()).isEqualTo(created.id());
        assertThatThrownBy(() -> openai.videos().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThat(api.get(key, "/v1/videos/" + created.id()).status()).as("gone from the native door too").isEqualTo(404);
        assertThat(openai.videos().list().data()).isEmpty();
    }

    @Test
    void anImageGivenAsADataUrlWorksAndPagesListInBothOrders() throws Exception {
        String key = api.newAccount("standard")[0];
        OpenAIClient openai = client(key);
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(photo));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(openai.videos().create(VideoCreateParams.builder().prompt("pan left " + i).model("instant")
                    .inputReference(ImageInputReferenceParam.builder().imageUrl(dataUrl).build()).build()).id());
        }
        for (String id : ids) {
            assertThat(awaitFinished(openai, id).status()).isEqualTo(Video.Status.COMPLETED);
        }
        List<String> newestFirst = new ArrayList<>();
        openai.videos().list(VideoListParams.builder().limit(2).build()).autoPager().forEach(v -> newestFirst.add(v.id()));
        assertThat(newestFirst).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        List<String> oldestFirst = new ArrayList<>();
        openai.videos().list(VideoListParams.builder().limit(2).order(VideoListParams.Order.ASC).build()).autoPager()
                .forEach(v -> oldestFirst.add(v.id()));
        assertThat(oldestFirst).containsExactlyElementsOf(ids);
    }

    @Test
    void tooFewPointsIsA402AndAFullPlanA429AsTheSdksTypedExceptions() throws Exception {
        String[] account = api.newAccount("free");
        OpenAIClient openai = client(account[0]);
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(openai.videos().create(VideoCreateParams.builder().prompt("sleep:60 wait " + i).model("instant")
                    .inputReference(photo).build()).id());
        }
        assertThatThrownBy(() -> openai.videos().create(VideoCreateParams.builder().prompt("one too many")
                .model("instant").inputReference(photo).build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.code()).contains("concurrency_limit");
                    assertThat(e.type()).contains("rate_limit_error");
                });
        for (String id : running) {
            assertThat(openai.videos().delete(id).deleted()).isTrue();
        }
        awaitBalance(account[0], 1000);

        api.admin("POST", "/admin/v1/accounts/" + account[1] + "/grants", "{\"points\":-990,\"reason\":\"test\","
                + "\"idempotency_key\":\"" + UUID.randomUUID() + "\"}");
        assertThatThrownBy(() -> openai.videos().create(VideoCreateParams.builder().prompt("a cat").inputReference(photo)
                .build()))
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.code()).contains("insufficient_credits");
                    assertThat(e.type()).contains("insufficient_quota");
                });
        assertThatThrownBy(() -> openai.videos().create(VideoCreateParams.builder().prompt("a cat").size(VideoSize.of("big"))
                .inputReference(photo).build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).contains("size");
                });
        assertThatThrownBy(() -> client("i2v_wrong").videos().list())
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        assertThat(api.get(account[0], "/v1/videos?status=queued").body().get("data")).as("nothing queued").isEmpty();
    }

    /** The same walk with OpenAI's official Node SDK ({@code openai} from npm, pinned by its lock file). */
    @Test
    void theOfficialNodeSdkWalksTheSameWay() throws Exception {
        Path walk = files.resolve("openai-walk");
        Path source = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize()
                .resolve("local-stack/src/test/node/openai-walk");
        Files.createDirectories(walk);
        for (String name : List.of("package.json", "package-lock.json", "walk.mjs")) {
            Files.copy(source.resolve(name), walk.resolve(name));
        }
        run(walk, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Path mp4 = files.resolve("node.mp4");
        String output = run(walk, Map.of("OPENAI_BASE_URL", stack.config().gatewayUrl() + "/openai/v1",
                "OPENAI_API_KEY", api.newAccount("free")[0], "I2V_IMAGE", photo.toString(), "I2V_OUTPUT", mp4.toString()),
                "node", "walk.mjs");
        assertThat(output).contains("walk complete");
        Map<String, String> probe = Ffprobe.probe(mp4);
        assertThat(probe.get("codec_name")).isEqualTo("h264");
        assertThat(Double.parseDouble(probe.get("duration"))).isBetween(9.9, 10.1);
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        System.out.println(String.join(" ", command) + ":\n" + output);
        assertThat(ended && process.exitValue() == 0).as("%s succeeded:%n%s", String.join(" ", command), output).isTrue();
        return output;
    }

    private static Video awaitFinished(OpenAIClient openai, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Video video = openai.videos().retrieve(id);
        // the SDK's statuses are open enums: compared by value, not identity
        while (List.of(Video.Status.QUEUED, Video.Status.IN_PROGRESS).contains(video.status())) {
            assertThat(System.nanoTime()).as("video %s finished in time", id).isLessThan(deadline);
            Thread.sleep(300);
            video = openai.videos().retrieve(id);
        }
        return video;
    }

    private static void awaitBalance(String key, long points) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api.get(key, "/v1/credits").body().get("balance").asLong() != points) {
            assertThat(System.nanoTime()).as("balance back to %d", points).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
