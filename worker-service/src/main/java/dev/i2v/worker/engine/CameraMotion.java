package dev.i2v.worker.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera move a prompt asks for, read from plain words ("zoom in", "pan left", "tilt up", "push in",
 * "static shot") or MiniMax's bracket commands ({@code [Pan left]}, {@code [Zoom in,Tilt up]}). Moves
 * combine: a pan with a zoom pans while zooming. A prompt that names none gets the classic slow zoom
 * with a drift.
 *
 * @param zoomFrom scale of the window at the start (1 = the whole frame)
 * @param zoomTo   scale at the end
 * @param panX     horizontal travel across the free margin, -1 (to the left) .. 1 (to the right)
 * @param panY     vertical travel, -1 (up) .. 1 (down)
 * @param names    the moves recognised, for logs and tests
 */
record CameraMotion(double zoomFrom, double zoomTo, double panX, double panY, List<String> names) {

    /** How far a zoom goes; a pan alone keeps this scale so there is margin to travel across. */
    static final double ZOOM = 1.2;

    static final CameraMotion DEFAULT = new CameraMotion(1, 1.18, -0.25, -0.25, List.of("ken burns"));

    private static final Pattern BRACKETS = Pattern.compile("\\[([^\\]]{1,80})]");
    private static final Pattern WORDS = Pattern.compile(
            "\\b(zoom|push|pull|pan|truck|tilt|pedestal)(?:s|ing|ning)?\\s+(?:to\\s+the\\s+)?(in|out|back|left|right|up|down)\\b"
                    + "|\\b(static|still)(?:\\s+shot)?\\b");

    /** The motion the prompt asks for: bracket commands first, then plain camera words. */
    static CameraMotion fromPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return DEFAULT;
        }
        String lower = prompt.toLowerCase(Locale.ROOT);
        List<String> moves = new ArrayList<>();
        Matcher brackets = BRACKETS.matcher(lower);
        while (brackets.find()) {
            for (String command : brackets.group(1).split(",")) {
                moves.add(command.trim().replaceAll("\\s+", " "));
            }
        }
        if (moves.stream().noneMatch(CameraMotion::known)) {
            Matcher words = WORDS.matcher(lower);
            while (words.find()) {
                moves.add(words.group(3) != null ? "static" : words.group(1) + " " + words.group(2));
            }
        }
        return combine(moves.stream().filter(CameraMotion::known).distinct().toList());
    }

    private static boolean known(String move) {
        return canonical(move) != null;
    }

    /** A move's canonical name, or null for a word that is not a camera move. */
    private static String canonical(String move) {
        return switch (move) {
            case "zoom in", "push in" -> "zoom in";
            case "zoom out", "pull out", "pull back" -> "zoom out";
            case "pan left", "truck left" -> "pan left";
            case "pan right", "truck right" -> "pan right";
            case "tilt up", "pedestal up" -> "tilt up";
            case "tilt down", "pedestal down" -> "tilt down";
            case "static", "static shot", "still shot" -> "static";
            default -> null;
        };
    }

    private static CameraMotion combine(List<String> moves) {
        if (moves.isEmpty()) {
            return DEFAULT;
        }
        List<String> names = moves.stream().map(CameraMotion::canonical).distinct().toList();
        if (names.equals(List.of("static"))) {
            return new CameraMotion(1, 1, 0, 0, names);
        }
        double from = ZOOM;
        double to = ZOOM;
        if (names.contains("zoom in") && !names.contains("zoom out")) {
            from = 1;
        } else if (names.contains("zoom out") && !names.contains("zoom in")) {
            to = 1;
        }
        double panX = (names.contains("pan right") ? 1 : 0) - (names.contains("pan left") ? 1 : 0);
        double panY = (names.contains("tilt down") ? 1 : 0) - (names.contains("tilt up") ? 1 : 0);
        return new CameraMotion(from, to, panX, panY, names);
    }
}
