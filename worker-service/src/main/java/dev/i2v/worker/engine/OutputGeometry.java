package dev.i2v.worker.engine;


import dev.i2v.contracts.Resolution;

/**
 * The output frame size for a resolution name and an input aspect ratio: the short side is the
 * resolution's number ({@code 768P} → 768), the long side keeps the input's aspect ratio, both even
 * (H.264 with 4:2:0 chroma needs even sizes).
 */
record OutputGeometry(int width, int height) {

    static OutputGeometry of(String resolution, int imageWidth, int imageHeight) {
        int shortSide = shortSide(resolution);
        if (imageWidth >= imageHeight) {
            return new OutputGeometry(even((double) shortSide * imageWidth / imageHeight), even(shortSide));
        }
        return new OutputGeometry(even(shortSide), even((double) shortSide * imageHeight / imageWidth));
    }

    private static int shortSide(String resolution) {
        return Resolution.parse(resolution).map(Resolution::lines).orElseThrow(() ->
                new EngineException("unsupported_option", "resolution must look like 768P: " + resolution, false));
    }

    private static int even(double size) {
        int rounded = (int) Math.round(size);
        return rounded % 2 == 0 ? rounded : rounded + 1;
    }
}
