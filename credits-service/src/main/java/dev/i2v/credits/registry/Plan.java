package dev.i2v.credits.registry;

import java.util.List;

/** A plan's entitlements, as stored in the {@code plans} table. */
public record Plan(String code, int parallelJobs, boolean watermark, int maxResolutionP, int maxDurationSeconds,
                   List<String> lanes, long signupGrant, long dailyGrant, long monthlyGrant) {
}
