package dev.i2v.worker.engine;

import java.awt.geom.Rectangle2D;

/**
 * Moves a window over the source image: the largest window of the output's aspect ratio that fits,
 * scaled and carried across the free margin as the {@link CameraMotion} says, eased in and out so the
 * motion starts and ends gently.
 */
final class KenBurnsCamera {

    private final double sourceWidth;
    private final double sourceHeight;
    private final double baseWidth;
    private final double baseHeight;
    private final CameraMotion motion;

    KenBurnsCamera(int sourceWidth, int sourceHeight, int outputWidth, int outputHeight) {
        this(sourceWidth, sourceHeight, outputWidth, outputHeight, CameraMotion.DEFAULT);
    }

    KenBurnsCamera(int sourceWidth, int sourceHeight, int outputWidth, int outputHeight, CameraMotion motion) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.motion = motion;
        double outputAspect = (double) outputWidth / outputHeight;
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
        double scale = motion.zoomFrom() + (motion.zoomTo() - motion.zoomFrom()) * eased;
        double w = baseWidth / scale;
        double h = baseHeight / scale;
        double slackX = sourceWidth - w;
        double slackY = sourceHeight - h;
        double x = slackX * (0.5 + travel(motion.panX(), eased));
        double y = slackY * (0.5 + travel(motion.panY(), eased));
        return new Rectangle2D.Double(x, y, w, h);
    }

    /**
     * Where along the margin the window is: a pan (±1) goes from one edge to the other; the default
     * drift (a fraction) goes from the centre toward one side, as the classic Ken Burns move does.
     */
    private static double travel(double pan, double eased) {
        return Math.abs(pan) >= 1 ? pan * (eased - 0.5) : pan * eased;
    }
}
