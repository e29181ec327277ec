package dev.i2v.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time used so far by the stack's processes, from {@code /proc} (Linux). PostgreSQL counts its server
 * process, its live backends and the backends that already exited (the server's waited-for children); this
 * JVM (the broker and the load generator share it) is read through its own management bean.
 */
public final class ProcessCpu {

    /** Linux reports CPU times in clock ticks of 1/100 s on every common kernel configuration. */
    private static final double MILLIS_PER_TICK = 10.0;

    private ProcessCpu() {
    }

    /** CPU milliseconds by process: each service by name, {@code postgresql}, and {@code broker+load}. */
    public static Map<String, Double> snapshot(Map<String, Long> servicePids, Path postgresDataDir) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        servicePids.forEach((name, pid) -> cpu.put(name, ticks(pid, false) * MILLIS_PER_TICK));
        cpu.put("postgresql", postgresTicks(postgresDataDir) * MILLIS_PER_TICK);
        cpu.put("broker+load", ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6);
        return cpu;
    }

    /** {@code after - before}, process by process, and a {@code total}. */
    public static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double delta = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0.0));
            used.put(e.getKey(), delta);
            total += delta;
        }
        used.put("total", total);
        return used;
    }

    private static long postgresTicks(Path dataDir) {
        long server = serverPid(dataDir);
        if (server < 0) {
            return 0;
        }
        long ticks = ticks(server, true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                String[] stat = stat(Long.parseLong(p.getFileName().toString()));
                if (stat != null && Long.parseLong(stat[1]) == server) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** The PostgreSQL server ("postmaster") started on this data directory. */
    private static long serverPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (+ cutime + cstime: children already reaped), in ticks. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String[] stat = stat(pid);
        if (stat == null) {
            return 0;
        }
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return withReapedChildren ? ticks + Long.parseLong(stat[13]) + Long.parseLong(stat[14]) : ticks;
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException e) {
            return null; // the process has gone
        }
    }
}
