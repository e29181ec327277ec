package dev.i2v.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy the whole machine's CPUs were over a stretch of time, from {@code /proc/stat} (Linux), sampled in the
 * background: a scenario that finds its stretch only afterwards (first job started → last finished) asks for it
 * then. Every process counts, the stack's and anything else on the machine.
 */
public final class MachineCpu implements AutoCloseable {

    private record Sample(Instant at, long busy, long total) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;

    private MachineCpu(long everyMillis) {
        sampler = Thread.ofPlatform().daemon().name("bench-machine-cpu").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Sample s = read();
                synchronized (samples) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts sampling every {@code everyMillis}. */
    public static MachineCpu sampleEvery(long everyMillis) {
        return new MachineCpu(everyMillis);
    }

    /** CPUs busy on average between the samples nearest {@code from} and {@code to} (0 to the number of CPUs). */
    public double coresBusy(Instant from, Instant to) {
        Sample first;
        Sample last;
        synchronized (samples) {
            first = samples.stream().filter(s -> !s.at().isAfter(from)).reduce((a, b) -> b).orElse(samples.get(0));
            last = samples.stream().filter(s -> !s.at().isBefore(to)).findFirst().orElse(samples.get(samples.size() - 1));
        }
        long total = last.total() - first.total();
        return total == 0 ? 0 : (double) (last.busy() - first.busy()) / total * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    /** The aggregate "cpu" line: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy. */
    private static Sample read() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new Sample(Instant.now(), total - idle, total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
