package dev.i2v.credits.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.Lane;

/** Accounts and plans in the {@code credits} schema. */
@Repository
public class AccountRepository {

    private static final String SELECT = """
            select a.id, a.balance, a.active_jobs, a.time_zone, a.created_at, p.*
              from accounts a join plans p on p.code = a.plan
             where a.id = :id
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(UUID id) {
        return jdbc.sql(SELECT).param("id", id).query(AccountRepository::account).optional();
    }

    /** Reads the account and locks its row until the transaction ends: every change of points goes through here. */
    public Optional<Account> lock(UUID id) {
        return jdbc.sql(SELECT + " for update of a").param("id", id).query(AccountRepository::account).optional();
    }

    public void changeActiveJobs(UUID id, int delta) {
        jdbc.sql("update accounts set active_jobs = active_jobs + :delta where id = :id")
                .param("delta", delta).param("id", id).update();
    }

    /** @return false if the account existed already */
    public boolean insert(UUID id, String plan, ZoneId timeZone, Instant createdAt) {
        return jdbc.sql("""
                        insert into accounts (id, plan, balance, time_zone, created_at) values (:id, :plan, 0, :tz, :created)
                        on conflict (id) do nothing
                        """)
                .param("id", id).param("plan", plan).param("tz", timeZone.getId())
                .param("created", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)).update() == 1;
    }

    public void changePlan(UUID id, String plan) {
        jdbc.sql("update accounts set plan = :plan where id = :id").param("plan", plan).param("id", id).update();
    }

    public Optional<Plan> plan(String code) {
        return jdbc.sql("select * from plans where code = :code").param("code", code)
                .query((rs, n) -> plan(rs)).optional();
    }

    public List<Plan> plans() {
        return jdbc.sql("select * from plans order by code").query((rs, n) -> plan(rs)).list();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), plan(rs), rs.getLong("balance"), rs.getInt("active_jobs"),
                ZoneId.of(rs.getString("time_zone")), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** Whether the plan is retired: it takes no new accounts and no moves onto it. */
    public boolean retired(String code) {
        return jdbc.sql("select retired_at is not null from plans where code = :code").param("code", code)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The plan of a {@code plans} row. */
    public static Plan plan(ResultSet rs) throws SQLException {
        return new Plan(rs.getString("code"), rs.getInt("parallel_jobs"), rs.getInt("queued_jobs"),
                (Integer) rs.getObject("queue_timeout_seconds"), rs.getInt("turn_weight"), rs.getBoolean("watermark"),
                rs.getInt("max_resolution_p"), rs.getInt("max_duration_seconds"),
                Arrays.stream(rs.getString("lanes").split(",")).map(Lane::fromWireName).toList(), rs.getLong("signup_grant"),
                rs.getLong("daily_grant"), rs.getLong("monthly_grant"));
    }
}
