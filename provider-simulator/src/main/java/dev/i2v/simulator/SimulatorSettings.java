package dev.i2v.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a simulated provider behaves.
 *
 * @param apiKeys            the accounts' keys; a request with another key is refused as the provider refuses it
 * @param taskTime           how long a task runs once it runs (the provider's minutes, compressed for tests)
 * @param createsPerMinute   the account's create limit over a rolling minute (MiniMax: 5 RPM on the global site)
 * @param maxConcurrent      tasks that run at once per account; more wait (Runway: {@code THROTTLED}); 0 = no limit
 * @param dailyQuota         creates per rolling 24 h per account (Runway's tiers: 50 to 30,000); 0 = no limit
 * @param transientErrorRate share of requests answered with the provider's retryable error, before any effect
 * @param malformedRate      share of status queries answered with a body that is not the documented JSON
 * @param urlLifetime        how long a result URL serves the video
 * @param clip               the MP4 every successful task serves
 * @param seed               the fault injection's random seed, so a failing run can be repeated
 */
public record SimulatorSettings(Set<String> apiKeys, Duration taskTime, int createsPerMinute, int maxConcurrent,
                                int dailyQuota, double transientErrorRate, double malformedRate, Duration urlLifetime,
                                byte[] clip, long seed) {

    public SimulatorSettings {
        apiKeys = Set.copyOf(apiKeys);
        Objects.requireNonNull(taskTime, "taskTime");
        Objects.requireNonNull(urlLifetime, "urlLifetime");
        Objects.requireNonNull(clip, "clip");
        if (transientErrorRate < 0 || transientErrorRate > 1 || malformedRate < 0 || malformedRate > 1) {
            throw new IllegalArgumentException("rates are shares between 0 and 1");
        }
    }

    /** One account ({@code sim-key}), 2 s tasks, no limits, no faults. */
    public static SimulatorSettings defaults(byte[] clip) {
        return new SimulatorSettings(Set.of("sim-key"), Duration.ofSeconds(2), 0, 0, 0, 0, 0, Duration.ofHours(1),
                clip, 42);
    }

    public SimulatorSettings withApiKeys(Set<String> keys) {
        return new SimulatorSettings(keys, taskTime, createsPerMinute, maxConcurrent, dailyQuota, transientErrorRate,
                malformedRate, urlLifetime, clip, seed);
    }

    public SimulatorSettings withTaskTime(Duration time) {
        return new SimulatorSettings(apiKeys, time, createsPerMinute, maxConcurrent, dailyQuota, transientErrorRate,
                malformedRate, urlLifetime, clip, seed);
    }

    public SimulatorSettings withCreatesPerMinute(int limit) {
        return new SimulatorSettings(apiKeys, taskTime, limit, maxConcurrent, dailyQuota, transientErrorRate,
                malformedRate, urlLifetime, clip, seed);
    }

    public SimulatorSettings withMaxConcurrent(int limit) {
        return new SimulatorSettings(apiKeys, taskTime, createsPerMinute, limit, dailyQuota, transientErrorRate,
                malformedRate, urlLifetime, clip, seed);
    }

    public SimulatorSettings withDailyQuota(int quota) {
        return new SimulatorSettings(apiKeys, taskTime, createsPerMinute, maxConcurrent, quota, transientErrorRate,
                malformedRate, urlLifetime, clip, seed);
    }

    public SimulatorSettings withFaults(double transientRate, double malformed, long randomSeed) {
        return new SimulatorSettings(apiKeys, taskTime, createsPerMinute, maxConcurrent, dailyQuota, transientRate,
                malformed, urlLifetime, clip, randomSeed);
    }

    public SimulatorSettings withUrlLifetime(Duration lifetime) {
        return new SimulatorSettings(apiKeys, taskTime, createsPerMinute, maxConcurrent, dailyQuota, transientErrorRate,
                malformedRate, lifetime, clip, seed);
    }
}
