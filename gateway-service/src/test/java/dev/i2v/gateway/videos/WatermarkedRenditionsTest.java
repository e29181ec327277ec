package dev.i2v.gateway.videos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.events.JobEventStreams;
import dev.i2v.storage.ObjectStore;

/** A download of a stored rendition asks the store once (it stat'ed the rendition twice: a round trip on S3). */
class WatermarkedRenditionsTest {

    private final UUID account = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final ObjectStore store = mock(ObjectStore.class);
    private final JobsClient jobs = mock(JobsClient.class);
    private final CreditsClient credits = mock(CreditsClient.class);
    private final VideoQueryService videos = new VideoQueryService(jobs, credits, store, mock(JobEventStreams.class),
            new WatermarkedRenditions(store));

    @Test
    void aWatermarkedDownloadOfAStoredRenditionLooksItUpOnce() throws Exception {
        String master = "outputs/" + job + "/video.mp4";
        ObjectStore.StoredObject rendition = new ObjectStore.StoredObject(ObjectKeys.watermarkedVideo(job), 123_456,
                "video/mp4");
        when(jobs.get(job)).thenReturn(succeeded(master));
        when(credits.entitlements(account)).thenReturn(new CreditsApi.Entitlements(account, "free", true));
        when(store.find(rendition.key())).thenReturn(Optional.of(rendition));

        StoredObjectResource download = videos.content(account, job);

        assertThat(download.contentLength()).isEqualTo(123_456);
        verify(store, times(1)).find(anyString());
        verify(store, never()).put(anyString(), any(), anyString());
    }

    private JobsApi.JobView succeeded(String master) {
        VideoOutput output = new VideoOutput(master, "video/mp4", 200_000, 1280, 720, 6.0, null, null);
        Instant now = Instant.now();
        return new JobsApi.JobView(job, account, JobStatus.SUCCEEDED, "i2v-local", "a prompt", 6, "720p", Lane.STANDARD,
                30, 100, 1, now, now, now, null, output, null, null);
    }
}
