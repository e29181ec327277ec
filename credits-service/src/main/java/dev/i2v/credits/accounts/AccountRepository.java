package dev.i2v.credits.accounts;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and plans in the {@code credits} schema. */
@Repository
public class AccountRepository {

    private static final String SELECT = """
            select a.id, a.balance, a.active_jobs, p.*
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
    boolean insert(UUID id, String plan) {
        return jdbc.sql("insert into accounts (id, plan, balance) values (:id, :plan, 0) on conflict (id) do nothing")
                .param("id", id).param("plan", plan).update() == 1;
    }

    Optional<Plan> plan(String code) {
        return jdbc.sql("select * from plans where code = :code").param("code", code)
                .query((rs, n) -> plan(rs)).optional();
    }

    private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), plan(rs), rs.getLong("balance"), rs.getInt("active_jobs"));
    }

    private static Plan plan(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Plan(rs.getString("code"), rs.getInt("parallel_jobs"), rs.getBoolean("watermark"),
                rs.getInt("max_resolution_p"), rs.getInt("max_duration_seconds"),
                Arrays.asList(rs.getString("lanes").split(",")), rs.getLong("signup_grant"),
                rs.getLong("daily_grant"), rs.getLong("monthly_grant"));
    }
}
