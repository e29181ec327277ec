package dev.i2v.jobs.pauses;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.api.JobsApi;

@Repository
class PauseRepository {

    private final JdbcClient jdbc;

    PauseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<JobsApi.Pause> all() {
        return jdbc.sql("select * from pauses order by kind, name").query(PauseRepository::pause).list();
    }

    Optional<JobsApi.Pause> find(String kind, String name) {
        return jdbc.sql("select * from pauses where kind = :kind and name = :name").param("kind", kind)
                .param("name", name).query(PauseRepository::pause).optional();
    }

    /** Pauses, or changes the mode and reason of a pause (keeping when it began). */
    void put(String kind, String name, String mode, String reason, String pausedBy, Instant now) {
        jdbc.sql("""
                        insert into pauses (kind, name, mode, reason, paused_by, paused_at)
                        values (:kind, :name, :mode, :reason, :by, :now)
                        on conflict (kind, name) do update set mode = excluded.mode, reason = excluded.reason,
                                                               paused_by = excluded.paused_by
                        """)
                .param("kind", kind).param("name", name).param("mode", mode).param("reason", reason)
                .param("by", pausedBy).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }

    boolean delete(String kind, String name) {
        return jdbc.sql("delete from pauses where kind = :kind and name = :name").param("kind", kind)
                .param("name", name).update() == 1;
    }

    private static JobsApi.Pause pause(ResultSet rs, int row) throws SQLException {
        return new JobsApi.Pause(rs.getString("kind"), rs.getString("name"), rs.getString("mode"),
                rs.getString("reason"), rs.getString("paused_by"),
                rs.getObject("paused_at", OffsetDateTime.class).toInstant());
    }
}
