package dev.i2v.worker.engine;

import java.awt.geom.Rectangle2D;

/**
 * A slow Ken Burns move: the visible window of the source shrinks from the whole image (matching the
 * output's aspect ratio) to {@code 1 / ZOOM} of it, drifting from the centre toward the upper left,
 * eased in and out so the motion starts and ends gently.
 */
final class KenBurnsCamera {

    private static final double ZOOM = 1.18;
    private static final double DRIFT = 0.25;

    private final double sourceWidth;
    private final double sourceHeight;
    private final double baseWidth;
    private final double baseHeight;

    KenBurnsCamera(int sourceWidth, int sourceHeight, int outputWidth, int outputHeight) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        double outputAspect = (double) outputWidth / outputHeight;
        // the largest window of the output's aspect ratio that fits in the source
        if ((double) sourceWidth / sourceHeight > outputAspect) {
            this.baseHeight = sourceHeight;
            this.baseWidth = sourceHeight * outputAspect;
        } else {
            this.baseWidth = sourceWidth;
            this.baseHeight = sourceWidth / outputAspect;
        }
    }

    /** The source window to show at {@code t} in [0, 1]. */
    Rectangle2D window(double t) {
        double eased = 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, Math.min(1, t)));
        double scale = 1 + (ZOOM - 1) * eased;
        double w = baseWidth / scale;
        double h = baseHeight / scale;
        double slackX = sourceWidth - w;
        double slackY = sourceHeight - h;
        double x = slackX / 2 - DRIFT * eased * slackX / 2;
        double y = slackY / 2 - DRIFT * eased * slackY / 2;
        return new Rectangle2D.Double(x, y, w, h);
    }
}
