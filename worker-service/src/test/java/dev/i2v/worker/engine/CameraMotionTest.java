package dev.i2v.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class CameraMotionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a cat on a sofa, slow zoom in                | zoom in",
            "The camera is zooming out over the city      | zoom out",
            "[Pan left] a lighthouse at dusk              | pan left",
            "[Truck right,Pedestal up] market street      | pan right;tilt up",
            "camera pans to the right then tilts down     | pan right;tilt down",
            "panning left across the valley               | pan left",
            "[Push in] portrait                           | zoom in",
            "a static shot of a lake                      | static",
            "a dog running on the beach                   | ken burns",
            "[Shake] a boat, pan left                     | pan left",
    })
    void readsTheCameraMoveFromThePrompt(String prompt, String expected) {
        assertThat(CameraMotion.fromPrompt(prompt).names()).isEqualTo(List.of(expected.split(";")));
    }

    @Test
    void bracketCommandsWinOverPlainWords() {
        assertThat(CameraMotion.fromPrompt("zoom in slowly [Pan right]").names()).containsExactly("pan right");
    }

    @Test
    void aPanLeftCarriesTheWindowFromTheRightEdgeToTheLeftEdgeWithoutZooming() {
        KenBurnsCamera camera = new KenBurnsCamera(1600, 900, 1280, 720, CameraMotion.fromPrompt("[Pan left]"));

        Rectangle2D start = camera.window(0);
        Rectangle2D end = camera.window(1);

        assertThat(start.getX()).isGreaterThan(end.getX());
        assertThat(start.getX() + start.getWidth()).isCloseTo(1600, Offset.offset(1e-6));
        assertThat(end.getX()).isCloseTo(0, Offset.offset(1e-6));
        assertThat(start.getWidth()).isEqualTo(end.getWidth());
    }

    @Test
    void aZoomOutEndsOnTheWholeFrameAndAZoomInStartsOnIt() {
        CameraMotion out = CameraMotion.fromPrompt("zoom out");
        CameraMotion in = CameraMotion.fromPrompt("zoom in");

        assertThat(new KenBurnsCamera(1280, 720, 1280, 720, out).window(1).getWidth()).isEqualTo(1280);
        assertThat(new KenBurnsCamera(1280, 720, 1280, 720, out).window(0).getWidth()).isLessThan(1280);
        assertThat(new KenBurnsCamera(1280, 720, 1280, 720, in).window(0).getWidth()).isEqualTo(1280);
    }

    @Property
    void theWindowNeverLeavesTheImageAndKeepsTheOutputShape(@ForAll("prompts") String prompt,
                                                           @ForAll @IntRange(min = 300, max = 4000) int width,
                                                           @ForAll @IntRange(min = 300, max = 4000) int height,
                                                           @ForAll @DoubleRange(min = 0, max = 1) double t) {
        KenBurnsCamera camera = new KenBurnsCamera(width, height, 1280, 720, CameraMotion.fromPrompt(prompt));

        Rectangle2D window = camera.window(t);

        assertThat(window.getX()).isGreaterThanOrEqualTo(-1e-9);
        assertThat(window.getY()).isGreaterThanOrEqualTo(-1e-9);
        assertThat(window.getMaxX()).isLessThanOrEqualTo(width + 1e-9);
        assertThat(window.getMaxY()).isLessThanOrEqualTo(height + 1e-9);
        assertThat(window.getWidth() / window.getHeight()).isCloseTo(1280 / 720.0, Offset.offset(1e-9));
    }

    @Provide
    Arbitrary<String> prompts() {
        return Arbitraries.of("", "zoom in", "zoom out", "[Pan left]", "[Pan right,Tilt down]", "tilt up", "static shot",
                "[Zoom in,Zoom out]", "pan left and pan right", "[Push in,Truck left,Pedestal up]");
    }
}
