package dev.i2v.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store contract against a real S3-compatible server (S3Proxy), plus what only S3 has. */
class S3ObjectStoreIT extends ObjectStoreContract {

    static S3ProxyServer server;
    static S3Client s3;
    static S3ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)))
                .build();
        s3.createBucket(b -> b.bucket("i2v-test"));
        store = new S3ObjectStore(s3, "i2v-test");
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Test
    void aLargeObjectStreamsBackWhole() throws Exception {
        byte[] video = new byte[12 * 1024 * 1024 + 7];
        new Random(7).nextBytes(video);
        store.put("outputs/big/video.mp4", new ByteArrayInputStream(video), "video/mp4");

        try (InputStream in = store.open("outputs/big/video.mp4")) {
            assertThat(in.readAllBytes()).isEqualTo(video);
        }
    }

    @Test
    void openingAMissingObjectFailsAsAMissingFile() {
        assertThatThrownBy(() -> store.open("outputs/none/video.mp4")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBucketNameSwitchesTheServicesStoreToS3() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObjectStoreAutoConfiguration.class))
                .withPropertyValues("i2v.storage.s3.bucket=i2v-test", "i2v.storage.s3.endpoint=" + server.endpoint(),
                        "i2v.storage.s3.path-style=true")
                .withSystemProperties("aws.accessKeyId=" + S3ProxyServer.IDENTITY,
                        "aws.secretAccessKey=" + S3ProxyServer.CREDENTIAL)
                .run(context -> {
                    ObjectStore configured = context.getBean(ObjectStore.class);
                    assertThat(configured).isInstanceOf(S3ObjectStore.class);
                    configured.put("inputs/ctx/image.png", new ByteArrayInputStream(new byte[] {1, 2}), "image/png");
                    assertThat(store.find("inputs/ctx/image.png")).isPresent();
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ObjectStoreAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(ObjectStore.class)).isInstanceOf(FileSystemObjectStore.class));
    }
}
