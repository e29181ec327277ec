package dev.i2v.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of a service JVM's threads, grouped by what they do (JIT compilers, collector, virtual-thread carriers,
 * Kafka clients, ...), read from {@code jcmd <pid> Thread.print}, which prints each platform thread's CPU time.
 * Virtual threads (the services' requests and scheduled passes) count on the carriers that ran them; a thread
 * that ended between two snapshots is missing from the second one, so its last part is not counted. (Not for the
 * launcher's own JVM: jcmd hung attaching to the Maven JVM that runs the embedded broker.)
 */
public final class ThreadCpu {

    private static final Pattern THREAD = Pattern.compile("^\"(.+?)\"(?: #(\\d+))? .*?cpu=([0-9.]+)ms", Pattern.MULTILINE);

    private ThreadCpu() {
    }

    /** CPU milliseconds so far by thread ({@code name #id}, or the name of one of the JVM's own threads). */
    public static Map<String, Double> snapshot(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Path out = Files.createTempFile("thread-cpu", ".txt");
            try {
                Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("jcmd " + pid + " Thread.print did not answer in 30 s");
                }
                String dump = Files.readString(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("jcmd " + pid + " Thread.print failed: " + dump.lines().limit(3).toList());
                }
                return parse(dump);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Double> parse(String threadDump) {
        Map<String, Double> threads = new LinkedHashMap<>();
        Matcher m = THREAD.matcher(threadDump);
        while (m.find()) {
            // the JVM's own threads (VM Thread, GC Thread#0) print no #id; their names are unique
            threads.put(m.group(2) == null ? m.group(1) : m.group(1) + " #" + m.group(2), Double.parseDouble(m.group(3)));
        }
        return threads;
    }

    /** The CPU milliseconds each group of threads used between the two snapshots (threads born between count whole). */
    public static Map<String, Double> byGroup(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> groups = new TreeMap<>();
        after.forEach((thread, ms) -> groups.merge(group(thread), Math.max(0, ms - before.getOrDefault(thread, 0.0)),
                Double::sum));
        return groups;
    }

    static String group(String thread) {
        String name = thread.replaceFirst(" #\\d+$", "");
        if (name.matches("C[12] CompilerThread\\d*")) {
            return "JIT compilers";
        }
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")
                || name.equals("VM Periodic Task Thread")) {
            return "collector and safepoints";
        }
        if (name.startsWith("ForkJoinPool") || name.startsWith("VirtualThread-unparker")) {
            return "virtual-thread carriers";
        }
        String lower = name.toLowerCase();
        if (lower.contains("kafka") || lower.contains("consumer") || lower.contains("producer") || name.contains("-C-")) {
            return "Kafka clients";
        }
        if (name.startsWith("http-nio") || name.startsWith("tomcat")) {
            return "Tomcat acceptor and poller";
        }
        if (name.startsWith("HttpClient") || name.contains("SelectorManager")) {
            return "JDK HTTP client";
        }
        return "other";
    }
}
