package dev.i2v.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard parses and asks only for metrics the services publish. */
class DashboardTest {

    /** Every i2v metric the code registers, as Prometheus names it (with its series suffixes). */
    private static final Set<String> PUBLISHED = Set.of(
            "i2v_jobs_queued", "i2v_jobs_demand", "i2v_outbox_pending", "i2v_outbox_lag_seconds",                 // job-service QueueDepthGauges
            "i2v_jobs_finished_total", "i2v_jobs_latency_seconds_bucket", "i2v_jobs_wait_seconds_bucket",
            "i2v_jobs_retries_total",                                                          // job-service JobMetrics
            "i2v_points_total", "i2v_points_held",                                             // credits-service PointsMetrics
            "i2v_provider_errors_total");                                                      // worker ProviderVideoEngine

    @Test
    void everyPanelQueriesPublishedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "i2v-overview.json").toFile());
        List<String> used = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher names = Pattern.compile("\\bi2v_[a-z_]+").matcher(target.get("expr").asText());
                while (names.find()) {
                    used.add(names.group());
                }
            }
        }

        assertThat(dashboard.get("uid").asText()).isEqualTo("i2v-overview");
        assertThat(used).isNotEmpty().allMatch(PUBLISHED::contains);
        assertThat(used).contains("i2v_jobs_queued", "i2v_jobs_latency_seconds_bucket", "i2v_points_held",
                "i2v_outbox_lag_seconds", "i2v_provider_errors_total");
    }
}
