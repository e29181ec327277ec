package dev.i2v.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image recipe and the compose file, checked as text and YAML (no Docker engine here to build them):
 * non-root, pinned bases, layered jars, the AOT cache's training run (done here on the worker), the same image
 * names and tags as the Kubernetes manifests, and secrets only as references to the environment.
 */
class ContainerImagesTest {

    private static final List<String> SERVICES = List.of("gateway-service", "credits-service", "job-service", "worker-service");

    @Test
    void theImageRunsAsANonRootUserOnAPinnedJre25FromTheJarsLayersWithAnAotCache() throws Exception {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^ARG JRE_IMAGE=eclipse-temurin:25\\.\\d+\\.\\d+_\\d+-jre-\\w+$");
        assertThat(dockerfile).doesNotContain(":latest");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$");
        assertThat(dockerfile).contains("extract --layers --destination extracted");
        for (String layer : List.of("dependencies", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("/build/extracted/" + layer + "/");
        }
        assertThat(dockerfile).contains("COPY deploy/jvm/${SERVICE}.options jvm.options");
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"@jvm.options\", \"-XX:AOTCache=app.aot\", \"-jar\", \"app.jar\"]");
        for (String service : SERVICES) {
            assertThat(Path.of("jvm", service + ".options")).as("the JVM options of " + service).isRegularFile();
        }
    }

    /**
     * What the Dockerfile does with each service's jar, done here: its COPY pattern matches exactly one jar
     * (the executable one), which extracts into the layers the image copies, holding the plain jar it runs.
     */
    @Test
    void eachServiceJarExtractsIntoTheLayersTheImageCopies(@TempDir Path temp) throws Exception {
        for (String service : SERVICES) {
            Path app = image(service, temp.resolve(service));
            assertThat(app.resolve("app.jar")).as(service).isRegularFile();
            assertThat(app.resolve("lib")).as(service).isDirectory();
        }
    }

    /**
     * The Dockerfile's training run, done here with its own command line on the worker's image (the service a
     * scale-out starts; the others' runs take as long again each): it succeeds with no database or broker, and a
     * JVM started as the image's entry point starts uses the cache it wrote ({@code -XX:AOTMode=on} fails a start
     * that cannot use it).
     */
    @Test
    void theTrainingRunWritesAnAotCacheTheEntryPointUses(@TempDir Path temp) throws Exception {
        Path app = image("worker-service", temp);
        Files.copy(Path.of("jvm", "worker-service.options"), app.resolve("jvm.options"));
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile")).replace("\\\n", " ");
        Matcher training = Pattern.compile("(?m)^RUN java (@jvm\\.options .*?-XX:AOTCacheOutput=app\\.aot.*?)(&&.*)?$")
                .matcher(dockerfile);
        assertThat(training.find()).as("the training RUN line").isTrue();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(training.group(1).trim().split("\\s+")));
        // no broker at build time: a closed port stands for it
        command.add("--spring.kafka.bootstrap-servers=127.0.0.1:9");
        run(command, app, Duration.ofMinutes(3));
        assertThat(app.resolve("app.aot")).isNotEmptyFile();

        List<String> start = new ArrayList<>(List.of(java(), "@jvm.options", "-XX:AOTCache=app.aot", "-XX:AOTMode=on",
                "-Dspring.context.exit=onRefresh", "-jar", "app.jar", "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9", "--server.port=0",
                "--i2v.internal.token=placeholder-of-the-training-run"));
        run(start, app, Duration.ofMinutes(1));
    }

    /** The image's /app for {@code service}: its jar extracted in layers, the layers copied into one folder. */
    private static Path image(String service, Path dir) throws Exception {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));
        Matcher copy = Pattern.compile("COPY \\$\\{SERVICE}/target/(\\S+) app.jar").matcher(dockerfile);
        assertThat(copy.find()).isTrue();
        String glob = copy.group(1).replace("${SERVICE}", service);
        List<Path> jars = new ArrayList<>();
        try (var files = Files.newDirectoryStream(Path.of("..", service, "target"), glob)) {
            files.forEach(jars::add);
        }
        assertThat(jars).as(service + " jars matching " + glob).hasSize(1);
        Path build = Files.createDirectories(dir.resolve("build"));
        Files.copy(jars.get(0), build.resolve("app.jar"));
        run(List.of(java(), "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers", "--destination", "extracted"),
                build, Duration.ofMinutes(1));
        Path app = Files.createDirectories(dir.resolve("app"));
        for (String layer : List.of("dependencies", "snapshot-dependencies", "application")) {
            Path from = build.resolve("extracted").resolve(layer);
            assertThat(from).as(service + " " + layer).isDirectory();
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path to = app.resolve(from.relativize(file).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
        return app;
    }

    private static void run(List<String> command, Path dir, Duration timeout) throws Exception {
        Path log = dir.resolve("run-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(ended && process.exitValue() == 0).as("%s%nended %s, its output ends:%n%s", command, ended,
                output.substring(Math.max(0, output.length() - 4000))).isTrue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void composeRunsEveryServiceFromTheImagesTheManifestsNameWithSecretsFromTheEnvironment() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("compose.yaml").toFile());
        String kustomization = Files.readString(Path.of("k8s", "base", "kustomization.yaml"));

        for (String service : SERVICES) {
            JsonNode definition = compose.get("services").get(service);
            assertThat(definition).as(service).isNotNull();
            String image = definition.get("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).isEqualTo("ghcr.io/i2v/" + service + ":" + tag);
            assertThat(kustomization).contains("newName: ghcr.io/i2v/" + service + "\n    newTag: " + tag);
            assertThat(definition.get("build").get("args").get("SERVICE").asText()).isEqualTo(service);
        }
        // anchors and merge keys hide variables from the parsed tree, so every line of the file is read
        for (String line : Files.readAllLines(Path.of("compose.yaml"))) {
            Matcher secret = Pattern
                    .compile("^\\s*(\\w*(TOKEN|PASSWORD|API_KEY|SECRET)\\w*):\\s*(.*)$").matcher(line);
            if (secret.matches()) {
                assertThat(secret.group(3)).as(secret.group(1)).startsWith("${");
            }
        }
        assertThat(Map.of("gateway", compose.get("services").get("gateway-service").get("ports").get(0).asText()))
                .containsEntry("gateway", "8080:8080");
    }
}
