package dev.i2v.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/** The {@code ffprobe} program shipped in Bytedeco's FFmpeg jar, run on a file. */
public final class Ffprobe {

    private Ffprobe() {
    }

    /** Renders a 6 s H.264 test pattern with the bundled {@code ffmpeg} program: a stand-in provider output. */
    public static void render6sTestPattern(Path output, int width, int height) throws IOException, InterruptedException {
        String program = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        ProcessBuilder builder = new ProcessBuilder(program, "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=duration=6:size=" + width + "x" + height + ":rate=24", "-c:v", "libopenh264", "-pix_fmt", "yuv420p",
                output.toString()).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", Path.of(program).getParent().toString());
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + log);
        }
    }

    /** The grey levels of a rectangle of the video's first frame, one byte a pixel. */
    static byte[] grayCrop(Path video, int x, int y, int width, int height) throws IOException, InterruptedException {
        String program = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        ProcessBuilder builder = new ProcessBuilder(program, "-v", "error", "-i", video.toString(), "-frames:v", "1",
                "-vf", "crop=" + width + ":" + height + ":" + x + ":" + y + ",format=gray", "-f", "rawvideo", "-");
        builder.environment().put("LD_LIBRARY_PATH", Path.of(program).getParent().toString());
        Process process = builder.start();
        byte[] pixels = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || pixels.length != width * height) {
            throw new IllegalStateException("ffmpeg could not crop " + video);
        }
        return pixels;
    }

    /** The mean absolute difference of two grey images, 0–255. */
    static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }

    /** The first video stream's codec, width and height, and the container's duration. */
    static Map<String, String> probe(Path video) throws IOException, InterruptedException {
        String program = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        ProcessBuilder builder = new ProcessBuilder(program, "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_frames:format=duration",
                "-of", "default=noprint_wrappers=1", video.toString()).redirectErrorStream(true);
        // the program finds FFmpeg's own libraries beside it
        builder.environment().put("LD_LIBRARY_PATH", Path.of(program).getParent().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffprobe failed: " + output);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
