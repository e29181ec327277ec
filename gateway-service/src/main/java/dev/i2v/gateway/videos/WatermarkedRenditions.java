package dev.i2v.gateway.videos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.ObjectKeys;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.media.WatermarkException;
import dev.i2v.media.Watermarker;
import dev.i2v.storage.ObjectStore;

/**
 * The watermarked rendition of a result, for an account whose plan shows one: the worker made it if the plan
 * showed one when the job ran; otherwise (the plan changed since) it is made here on the first download and stored
 * where a worker would have put it, so later downloads and the job's deletion find it.
 */
@Component
class WatermarkedRenditions {

    private static final Logger log = LoggerFactory.getLogger(WatermarkedRenditions.class);

    private final ObjectStore store;
    private final Watermarker watermarker = new Watermarker(Watermarker.BADGE_TEXT);
    /** One maker per job in this process: concurrent first downloads wait for it instead of each re-encoding. */
    private final ConcurrentMap<UUID, Object> making = new ConcurrentHashMap<>();

    WatermarkedRenditions(ObjectStore store) {
        this.store = store;
    }

    /** The key of the job's watermarked rendition, made from {@code masterKey} if it is not stored yet. */
    String of(UUID jobId, String masterKey) throws IOException {
        String key = ObjectKeys.watermarkedVideo(jobId);
        if (store.find(key).isPresent()) {
            return key;
        }
        Object lock = making.computeIfAbsent(jobId, id -> new Object());
        try {
            synchronized (lock) {
                if (store.find(key).isEmpty()) {
                    make(jobId, masterKey, key);
                }
            }
        } finally {
            making.remove(jobId, lock);
        }
        return key;
    }

    private void make(UUID jobId, String masterKey, String key) throws IOException {
        Path master = Files.createTempFile("i2v-" + jobId, ".mp4");
        Path marked = Files.createTempFile("i2v-" + jobId, ".marked.mp4");
        try {
            try (InputStream in = store.open(masterKey)) {
                Files.copy(in, master, StandardCopyOption.REPLACE_EXISTING);
            }
            long started = System.nanoTime();
            watermarker.apply(master, marked);
            try (InputStream in = Files.newInputStream(marked)) {
                store.put(key, in, "video/mp4");
            }
            log.info("job {}: made the watermarked rendition on first download in {} ms (the plan changed since the job ran)",
                    jobId, (System.nanoTime() - started) / 1_000_000);
        } catch (WatermarkException e) {
            log.error("job {}: could not make the watermarked rendition", jobId, e);
            throw GatewayException.unavailable("watermarking");
        } finally {
            Files.deleteIfExists(master);
            Files.deleteIfExists(marked);
        }
    }
}
