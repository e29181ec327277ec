package dev.i2v.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.i2v.fixtures.TestImages;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.problems.GatewayException;

class ImageInspectorTest {

    private final ImageInspector inspector = new ImageInspector(new GatewayProperties("x".repeat(24),
            URI.create("http://c"), URI.create("http://j"), Duration.ofSeconds(1),
            new GatewayProperties.Images(20 * 1024 * 1024, 40_000_000, 300, 2.5), new GatewayProperties.Prompt(2000), false, Set.of(), false));

    @Test
    void acceptsPngAndJpegAndReadsTheirSize() {
        assertThat(inspector.inspect(TestImages.encoded("png", 640, 480)))
                .satisfies(i -> assertThat(i.format()).isEqualTo(ImageFormat.PNG))
                .satisfies(i -> assertThat(new int[] {i.width(), i.height()}).containsExactly(640, 480));
        assertThat(inspector.inspect(TestImages.encoded("jpg", 480, 640)).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void acceptsLossyAndLosslessWebpAndReadsTheirSize() {
        for (String kind : new String[] {"lossy", "lossless"}) {
            ImageInspector.InspectedImage image = inspector.inspect(TestImages.webp(kind));
            assertThat(image.format()).as(kind).isEqualTo(ImageFormat.WEBP);
            assertThat(new int[] {image.width(), image.height()}).as(kind).containsExactly(640, 480);
        }
    }

    @Test
    void imagesWhoseHeaderReadsButWhoseDataDoesNotDecodeAreRefused() {
        byte[] png = TestImages.gradient("png", 640, 480);
        byte[] jpeg = TestImages.gradient("jpg", 640, 480);
        assertThat(inspector.inspect(png).width()).isEqualTo(640);
        assertThat(inspector.inspect(jpeg).width()).isEqualTo(640);

        assertRefused(Arrays.copyOf(png, png.length / 2), 400, "invalid_image");
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), 400, "invalid_image");
        assertRefused(TestImages.corrupted(png), 400, "invalid_image");
        assertRefused(TestImages.corrupted(jpeg), 400, "invalid_image");
        assertRefused(TestImages.pngHeaderOnly(640, 480), 400, "invalid_image");
        for (String kind : new String[] {"lossy", "lossless"}) {
            byte[] webp = TestImages.webp(kind);
            assertRefused(Arrays.copyOf(webp, webp.length / 2), 400, "invalid_image");
        }
    }

    @Test
    void aLargeImageIsDecodedSubsampledWithinAFewMegabytes() {
        byte[] png = TestImages.gradient("png", 6000, 4000);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        assertThat(ImageDecodeCheck.problem(ImageFormat.PNG, png, 6000, 4000)).isNull();
        long used = runtime.totalMemory() - runtime.freeMemory() - before;
        // a full decode of 24 MP keeps 96 MB of pixels; the subsampled one about 4 MB
        assertThat(used).as("bytes allocated by a subsampled decode of 24 MP").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderAlone() {
        assertRefused(TestImages.pngHeaderOnly(100_000, 100_000), 413, "image_too_large");
    }

    @Test
    void bytesOfAnotherTypeAreRefusedWhateverTheyClaim() {
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), 415,
                "unsupported_image_type");
        assertRefused("GIF89a....".getBytes(StandardCharsets.UTF_8), 415, "unsupported_image_type");
    }

    @Test
    void emptyTruncatedSmallAndThinImagesAreRefused() {
        assertRefused(new byte[0], 400, "invalid_image");
        byte[] png = TestImages.encoded("png", 640, 480);
        assertRefused(Arrays.copyOf(png, 12), 400, "invalid_image");
        assertRefused(TestImages.encoded("png", 200, 200), 400, "invalid_image");
        assertRefused(TestImages.encoded("png", 1600, 300), 400, "invalid_image");
    }

    private void assertRefused(byte[] bytes, int status, String code) {
        assertThatThrownBy(() -> inspector.inspect(bytes)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status().value()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
