package dev.i2v.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One scenario's report, built up as it runs: facts for the JSON file, and Markdown (tables and sentences)
 * for {@code <scenario>.md}. Both are written to the results directory by {@link #write}.
 */
public final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String scenario;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();

    public Report(String scenario, String title) {
        this.scenario = scenario;
        facts.put("scenario", scenario);
        facts.put("measured_at", Instant.now().toString());
        facts.put("machine", machine());
        markdown.append("## ").append(title).append("\n\n");
    }

    public String scenario() {
        return scenario;
    }

    public Report put(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    public Report line(String format, Object... args) {
        markdown.append(String.format(Locale.ROOT, format, args)).append("\n");
        return this;
    }

    /** A Markdown table; cells are formatted with {@code String.valueOf}, doubles to one decimal. */
    public Report table(List<String> header, List<List<Object>> rows) {
        markdown.append("\n| ").append(String.join(" | ", header)).append(" |\n|");
        markdown.append("---|".repeat(header.size())).append("\n");
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(cell instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(cell));
            }
            markdown.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        markdown.append("\n");
        return this;
    }

    public String markdown() {
        return markdown.toString();
    }

    public Map<String, Object> facts() {
        return facts;
    }

    /** Writes {@code <scenario>.json} and {@code <scenario>.md} into {@code dir}; prints the Markdown. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(scenario + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(facts));
        Files.writeString(dir.resolve(scenario + ".md"), markdown);
        System.out.println(markdown);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }
}
