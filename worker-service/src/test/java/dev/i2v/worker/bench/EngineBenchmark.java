package dev.i2v.worker.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.bytedeco.javacpp.Loader;

import dev.i2v.fixtures.TestImages;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.media.Watermarker;

/**
 * The local engine and the watermarker against the bundled {@code ffmpeg} program doing the same work
 * in the same run: a 6 s, 24 fps H.264 (openh264) zoom over a 1920×1080 still at 720p and at 1080p
 * ({@code zoompan}), and marking a 6 s 720p MP4 ({@code overlay} of a badge, re-encoded). Rounds
 * alternate ours and theirs so the shared machine's noise hits both; the median of each is reported
 * as seconds and as a ratio ours / ffmpeg (below 1 = faster than ffmpeg).
 *
 * <p>Run: {@code ./mvnw -q -B -pl worker-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.i2v.worker.bench.EngineBenchmark} ({@code -Dbench.rounds=3}). Writes
 * {@code worker-service/target/bench/engine.md}.
 */
public final class EngineBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("i2v-engine-bench");
        Path still = dir.resolve("still.png");
        byte[] image = TestImages.png(1920, 1080);
        Files.write(still, image);
        Path badge = dir.resolve("badge.png");
        ImageIO.write(badge(), "png", badge.toFile());
        Path master = dir.resolve("master.mp4");
        new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(image, "zoom in", 6, "720P"), master, p -> { });

        Work ourMark = () -> new Watermarker(Watermarker.BADGE_TEXT).apply(master, dir.resolve("ours-marked.mp4"));
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("local engine, 6 s 720p", new Case(
                () -> new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(image, "zoom in", 6, "720P"),
                        dir.resolve("ours-720.mp4"), p -> { }),
                () -> ffmpeg("-loop", "1", "-framerate", "24", "-i", still.toString(), "-vf", zoompan(1280, 720),
                        "-frames:v", "144", "-c:v", "libopenh264", "-pix_fmt", "yuv420p", dir.resolve("ff-720.mp4").toString())));
        cases.put("local engine, 6 s 1080p", new Case(
                () -> new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(image, "zoom in", 6, "1080P"),
                        dir.resolve("ours-1080.mp4"), p -> { }),
                () -> ffmpeg("-loop", "1", "-framerate", "24", "-i", still.toString(), "-vf", zoompan(1920, 1080),
                        "-frames:v", "144", "-c:v", "libopenh264", "-pix_fmt", "yuv420p", dir.resolve("ff-1080.mp4").toString())));
        cases.put("watermark a 6 s 720p MP4", new Case(
                ourMark,
                () -> ffmpeg("-i", master.toString(), "-i", badge.toString(), "-filter_complex",
                        "overlay=W-w-24:H-h-24", "-c:v", "libopenh264", "-pix_fmt", "yuv420p", "-c:a", "copy",
                        dir.resolve("ff-marked.mp4").toString())));
        // the same encoder settings as ours (ffmpeg's libopenh264 defaults to 200 kb/s in quality mode, a lighter
        // encode than the 4 Mb/s our renditions get at 720p)
        cases.put("watermark a 6 s 720p MP4, ffmpeg at our bitrate", new Case(
                ourMark,
                () -> ffmpeg("-i", master.toString(), "-i", badge.toString(), "-filter_complex",
                        "overlay=W-w-24:H-h-24", "-c:v", "libopenh264", "-b:v", "4M", "-rc_mode", "bitrate",
                        "-pix_fmt", "yuv420p", "-c:a", "copy", dir.resolve("ff-marked-4m.mp4").toString())));

        // -Dbench.cases=watermark: only the cases whose name contains it
        cases.keySet().removeIf(name -> !name.contains(System.getProperty("bench.cases", "")));
        // one warm-up of each, so JIT and native loading are not measured
        for (Case c : cases.values()) {
            c.ours.run();
            c.theirs.run();
        }
        StringBuilder table = new StringBuilder("| what (median of " + ROUNDS + ") | ours s | ffmpeg s | ours / ffmpeg |\n|---|---|---|---|\n");
        for (Map.Entry<String, Case> entry : cases.entrySet()) {
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ours.add(time(entry.getValue().ours));
                theirs.add(time(entry.getValue().theirs));
            }
            double o = median(ours);
            double t = median(theirs);
            table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", entry.getKey(), o, t, o / t));
        }
        System.out.print(table);
        Path out = Path.of("target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("engine.md"), table);
    }

    private record Case(Work ours, Work theirs) {
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** The same move as the local engine's "zoom in": 1 → 1.2 about the centre, eased. */
    private static String zoompan(int width, int height) {
        return "zoompan=z='1+0.2*(0.5-0.5*cos(PI*on/143))':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s="
                + width + "x" + height + ":fps=24";
    }

    private static double time(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        String program = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> command = new ArrayList<>(List.of(program, "-v", "error", "-y"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", Path.of(program).getParent().toString());
        Process process = builder.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        process.getInputStream().transferTo(log);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + log.toString(StandardCharsets.UTF_8));
        }
    }

    private static BufferedImage badge() {
        BufferedImage badge = new BufferedImage(260, 44, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = badge.createGraphics();
        g.setColor(new Color(0, 0, 0, 110));
        g.fillRoundRect(0, 0, 260, 44, 12, 12);
        g.setColor(new Color(255, 255, 255, 220));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(Watermarker.BADGE_TEXT, 14, 30);
        g.dispose();
        return badge;
    }
}
