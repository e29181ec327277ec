package dev.i2v.gateway.videos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
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

    /**
     * The job's watermarked rendition as stored, made from {@code masterKey} if it is not stored yet: a download of
     * a stored one costs one lookup in the store.
     */
    ObjectStore.StoredObject of(UUID jobId, String masterKey) throws IOException {
        String key = ObjectKeys.watermarkedVideo(jobId);
        Optional<ObjectStore.StoredObject> stored = store.find(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        Object lock = making.computeIfAbsent(jobId, id -> new Object());
        try {
            synchronized (lock) {
                // another download may have made it while this one waited for the lock
                Optional<ObjectStore.StoredObject> made = store.find(key);
                return made.isPresent() ? made.get() : make(jobId, masterKey, key);
            }
        } finally {
            making.remove(jobId, lock);
        }
    }

    private ObjectStore.StoredObject make(UUID jobId, String masterKey, String key) throws IOException {
        Path master = Files.createTempFile("i2v-" + jobId, ".mp4");
        Path marked = Files.createTempFile("i2v-" + jobId, ".marked.mp4");
        try {
            try (InputStream in = store.open(masterKey)) {
                Files.copy(in, master, StandardCopyOption.REPLACE_EXISTING);
            }
            long started = System.nanoTime();
            watermarker.apply(master, marked);
            ObjectStore.StoredObject stored;
            try (InputStream in = Files.newInputStream(marked)) {
                stored = store.put(key, in, "video/mp4");
            }
            log.info("job {}: made the watermarked rendition on first download in {} ms (the plan changed since the job ran)",
                    jobId, (System.nanoTime() - started) / 1_000_000);
            return stored;
        } catch (WatermarkException e) {
            log.error("job {}: could not make the watermarked rendition", jobId, e);
            throw GatewayException.unavailable("watermarking");
        } finally {
            Files.deleteIfExists(master);
            Files.deleteIfExists(marked);
        }
    }
}
