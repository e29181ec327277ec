package dev.i2v.credits.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.registry.AccountRepository;
import dev.i2v.credits.registry.Plan;

/** The {@code plans} rows as operators edit them. */
@Repository
class PlanRepository {

    private static final String SELECT = """
            select p.*, (select count(*) from accounts a where a.plan = p.code) as accounts from plans p
            """;

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CreditsApi.PlanView> all() {
        return jdbc.sql(SELECT + " order by p.code").query(PlanRepository::view).list();
    }

    Optional<CreditsApi.PlanView> find(String code) {
        return jdbc.sql(SELECT + " where p.code = :code").param("code", code).query(PlanRepository::view).optional();
    }

    /** Locks the plan's row until the transaction ends, so concurrent edits apply one after the other. */
    Optional<CreditsApi.PlanView> lock(String code) {
        return jdbc.sql(SELECT + " where p.code = :code for update of p").param("code", code)
                .query(PlanRepository::view).optional();
    }

    /** @return false if a plan of that code exists */
    boolean insert(Plan plan, Instant now) {
        return jdbc.sql("""
                        insert into plans (code, parallel_jobs, queued_jobs, queue_timeout_seconds, turn_weight, watermark,
                                           max_resolution_p, max_duration_seconds, lanes, signup_grant, daily_grant,
                                           monthly_grant, updated_at)
                        values (:code, :parallel, :queued, :timeout, :weight, :watermark, :resolution, :duration, :lanes,
                                :signup, :daily, :monthly, :now)
                        on conflict (code) do nothing
                        """)
                .paramSource(params(plan, now)).update() == 1;
    }

    void update(Plan plan, Instant now) {
        jdbc.sql("""
                        update plans set parallel_jobs = :parallel, queued_jobs = :queued, queue_timeout_seconds = :timeout,
                               turn_weight = :weight, watermark = :watermark, max_resolution_p = :resolution,
                               max_duration_seconds = :duration, lanes = :lanes, signup_grant = :signup,
                               daily_grant = :daily, monthly_grant = :monthly, updated_at = :now
                         where code = :code
                        """)
                .paramSource(params(plan, now)).update();
    }

    /** @param retiredAt null restores the plan */
    void retire(String code, Instant retiredAt, Instant now) {
        jdbc.sql("update plans set retired_at = :retired, updated_at = :now where code = :code")
                .param("retired", retiredAt == null ? null : utc(retiredAt)).param("now", utc(now)).param("code", code)
                .update();
    }

    private static Map<String, Object> params(Plan plan, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("code", plan.code());
        params.put("parallel", plan.parallelJobs());
        params.put("queued", plan.queuedJobs());
        params.put("timeout", plan.queueTimeoutSeconds());
        params.put("weight", plan.turnWeight());
        params.put("watermark", plan.watermark());
        params.put("resolution", plan.maxResolutionP());
        params.put("duration", plan.maxDurationSeconds());
        params.put("lanes", String.join(",", plan.lanes().stream().map(Lane::wireName).toList()));
        params.put("signup", plan.signupGrant());
        params.put("daily", plan.dailyGrant());
        params.put("monthly", plan.monthlyGrant());
        params.put("now", utc(now));
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static CreditsApi.PlanView view(ResultSet rs, int row) throws SQLException {
        OffsetDateTime retired = rs.getObject("retired_at", OffsetDateTime.class);
        Plan plan = AccountRepository.plan(rs);
        return new CreditsApi.PlanView(plan.code(), plan.parallelJobs(), plan.queuedJobs(), plan.queueTimeoutSeconds(),
                plan.turnWeight(), plan.watermark(), plan.maxResolutionP(), plan.maxDurationSeconds(),
                plan.lanes().stream().map(Lane::wireName).toList(), plan.signupGrant(), plan.dailyGrant(),
                plan.monthlyGrant(), retired == null ? null : retired.toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("accounts"));
    }
}
