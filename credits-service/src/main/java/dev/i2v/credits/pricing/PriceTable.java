package dev.i2v.credits.pricing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.api.CreditsApi;

/** The {@code price_overrides} rows. */
@Repository
class PriceTable {

    private static final String SELECT = "select * from price_overrides";
    private static final String KEY = """
             where model = :model and duration_seconds = :duration and resolution = :resolution and lane = :lane
            """;

    private final JdbcClient jdbc;

    PriceTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CreditsApi.PriceRow> all() {
        return jdbc.sql(SELECT + " order by model, duration_seconds, resolution, lane").query(PriceTable::row).list();
    }

    Optional<CreditsApi.PriceRow> find(PriceKey key) {
        return jdbc.sql(SELECT + KEY).paramSource(key).query(PriceTable::row).optional();
    }

    void put(PriceKey key, long points, Instant now) {
        jdbc.sql("""
                        insert into price_overrides (model, duration_seconds, resolution, lane, points, updated_at)
                        values (:model, :duration, :resolution, :lane, :points, :now)
                        on conflict (model, duration_seconds, resolution, lane)
                        do update set points = excluded.points, updated_at = excluded.updated_at
                        """)
                .param("model", key.model()).param("duration", key.duration()).param("resolution", key.resolution())
                .param("lane", key.lane()).param("points", points)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }

    boolean delete(PriceKey key) {
        return jdbc.sql("delete from price_overrides" + KEY).paramSource(key).update() == 1;
    }

    private static CreditsApi.PriceRow row(ResultSet rs, int n) throws SQLException {
        return new CreditsApi.PriceRow(rs.getString("model"), rs.getInt("duration_seconds"), rs.getString("resolution"),
                rs.getString("lane"), rs.getLong("points"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
