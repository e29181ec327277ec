package dev.i2v.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputGeometryTest {

    @ParameterizedTest
    @CsvSource({
            "768P, 640, 480, 1024, 768",
            "720P, 1920, 1080, 1280, 720",
            "768P, 1080, 1920, 768, 1366",
            "1080P, 1000, 1000, 1080, 1080",
            "720P, 1001, 700, 1030, 720"})
    void shortSideIsTheResolutionAndTheAspectRatioIsKeptWithEvenSizes(String resolution, int w, int h, int ew, int eh) {
        OutputGeometry size = OutputGeometry.of(resolution, w, h);
        assertThat(size).isEqualTo(new OutputGeometry(ew, eh));
        assertThat(size.width() % 2).isZero();
        assertThat(size.height() % 2).isZero();
    }

    @ParameterizedTest
    @CsvSource({"768", "P", "hd", "12345P"})
    void unknownResolutionNamesAreRefused(String resolution) {
        assertThatThrownBy(() -> OutputGeometry.of(resolution, 100, 100)).isInstanceOf(EngineException.class);
    }
}
