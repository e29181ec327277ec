package dev.i2v.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The behaviour every {@link ObjectStore} implementation must show; each implementation's test extends this. */
public abstract class ObjectStoreContract {

    protected abstract ObjectStore store();

    @Test
    void storedBytesReadBackWithTheirTypeAndSize() throws Exception {
        byte[] bytes = "hello video".getBytes(StandardCharsets.UTF_8);
        store().put("outputs/job-1/video.mp4", new ByteArrayInputStream(bytes), "video/mp4");

        assertThat(store().find("outputs/job-1/video.mp4")).hasValueSatisfying(o -> {
            assertThat(o.sizeBytes()).isEqualTo(bytes.length);
            assertThat(o.contentType()).isEqualTo("video/mp4");
        });
        try (InputStream in = store().open("outputs/job-1/video.mp4")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aMissingObjectIsAbsentAndDeletingItIsNoError() throws Exception {
        assertThat(store().find("inputs/none/image.png")).isEmpty();
        store().delete("inputs/none/image.png");
    }

    @Test
    void deleteRemovesTheObject() throws Exception {
        store().put("inputs/j/image.png", new ByteArrayInputStream(new byte[] {1, 2, 3}), "image/png");
        store().delete("inputs/j/image.png");
        assertThat(store().find("inputs/j/image.png")).isEmpty();
    }

    @Test
    void keysThatEscapeTheStoreAreRefused() {
        for (String key : new String[] {"../etc/passwd", "/abs", "a//b", "a/../../b", "", "a/./b", "a b"}) {
            assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(new byte[0]), "x/y"))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
