package dev.i2v.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * When each API key was last used, for operators ("is this key still in use?" before revoking it). Kept in memory
 * and written in one pass every interval, not on each request: a write per request would double the cost of
 * authentication on the hottest path. A crash loses at most one interval of it, which a "last used" can afford.
 */
@Component
class KeyUsage {

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    KeyUsage(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The key with this hash was accepted just now. */
    void used(byte[] keyHash) {
        pending.put(HexFormat.of().formatHex(keyHash), clock.instant());
    }

    @Scheduled(fixedDelayString = "${i2v.gateway.key-usage-interval:30s}")
    @PreDestroy
    void write() {
        for (String hash : pending.keySet()) {
            Instant at = pending.remove(hash);
            if (at == null) {
                continue; // written by a pass that ran at the same time (the last one, at shutdown)
            }
            try {
                keys.usedAt(HexFormat.of().parseHex(hash), at);
            } catch (RuntimeException e) {
                pending.merge(hash, at, (newer, older) -> newer.isAfter(older) ? newer : older);
                log.warn("could not record when API keys were last used (retried next pass): {}", e.toString());
                return;
            }
        }
    }
}
