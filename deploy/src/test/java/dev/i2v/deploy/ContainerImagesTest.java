package dev.i2v.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image recipe and the compose file, checked as text and YAML (no Docker engine here to build them):
 * non-root, pinned bases, layered jars, the same image names and tags as the Kubernetes manifests, and
 * secrets only as references to the environment.
 */
class ContainerImagesTest {

    private static final List<String> SERVICES = List.of("gateway-service", "credits-service", "job-service", "worker-service");

    @Test
    void theImageRunsAsANonRootUserOnAPinnedJreFromTheJarsLayers() throws Exception {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^ARG JRE_IMAGE=eclipse-temurin:\\d+[\\w.]*-jre-\\w+$");
        assertThat(dockerfile).doesNotContain(":latest");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$");
        assertThat(dockerfile).contains("extract --layers --launcher");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("/build/extracted/" + layer + "/");
        }
        assertThat(dockerfile).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    /**
     * What the Dockerfile does with each service's jar, done here: its COPY pattern matches exactly one jar
     * (the executable one), which extracts into the four layers and the launcher the image runs.
     */
    @Test
    void eachServiceJarExtractsIntoTheLayersTheImageCopies(@TempDir Path temp) throws Exception {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));
        Matcher copy = Pattern.compile("COPY \\$\\{SERVICE}/target/(\\S+) app.jar")
                .matcher(dockerfile);
        assertThat(copy.find()).isTrue();
        for (String service : SERVICES) {
            String glob = copy.group(1).replace("${SERVICE}", service);
            List<Path> jars;
            try (var files = Files.newDirectoryStream(Path.of("..", service, "target"), glob)) {
                jars = new ArrayList<>();
                files.forEach(jars::add);
            }
            assertThat(jars).as(service + " jars matching " + glob).hasSize(1);
            Path out = temp.resolve(service);
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jars.get(0).toString(), "extract", "--layers", "--launcher",
                    "--destination", out.toString()).redirectErrorStream(true).start();
            String output = new String(extract.getInputStream().readAllBytes());
            assertThat(extract.waitFor()).as(output).isZero();
            for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
                assertThat(out.resolve(layer)).as(service + " " + layer).isDirectory();
            }
            assertThat(out.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class")).exists();
        }
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
