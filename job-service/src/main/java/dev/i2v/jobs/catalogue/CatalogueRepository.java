package dev.i2v.jobs.catalogue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelSpec;

@Repository
class CatalogueRepository {

    private final JdbcClient jdbc;

    CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<JobsApi.CatalogueModel> all() {
        return jdbc.sql("select * from model_catalogue order by id").query(CatalogueRepository::model).list();
    }

    Optional<JobsApi.CatalogueModel> find(String id) {
        return jdbc.sql("select * from model_catalogue where id = :id").param("id", id)
                .query(CatalogueRepository::model).optional();
    }

    /** Adds a compiled default unless the model is there already (an operator's edit wins). */
    void seed(ModelSpec spec, Instant now) {
        jdbc.sql("""
                        insert into model_catalogue (id, provider, provider_model, durations, resolutions,
                                                     prompt_optimizer, enabled, updated_at, updated_by)
                        values (:id, :provider, :model, :durations, :resolutions, :optimizer, true, :now, 'catalogue')
                        on conflict (id) do nothing
                        """)
                .param("id", spec.id()).param("provider", spec.provider()).param("model", spec.providerModel())
                .param("durations", new SqlArrayValue("int", spec.durations().toArray()))
                .param("resolutions", new SqlArrayValue("text", spec.resolutions().toArray()))
                .param("optimizer", spec.promptOptimizer()).param("now", utc(now)).update();
    }

    void put(ModelSpec spec, boolean enabled, String by, Instant now) {
        jdbc.sql("""
                        insert into model_catalogue (id, provider, provider_model, durations, resolutions,
                                                     prompt_optimizer, enabled, updated_at, updated_by)
                        values (:id, :provider, :model, :durations, :resolutions, :optimizer, :enabled, :now, :by)
                        on conflict (id) do update set provider = excluded.provider,
                               provider_model = excluded.provider_model, durations = excluded.durations,
                               resolutions = excluded.resolutions, prompt_optimizer = excluded.prompt_optimizer,
                               enabled = excluded.enabled, updated_at = excluded.updated_at,
                               updated_by = excluded.updated_by
                        """)
                .param("id", spec.id()).param("provider", spec.provider()).param("model", spec.providerModel())
                .param("durations", new SqlArrayValue("int", spec.durations().toArray()))
                .param("resolutions", new SqlArrayValue("text", spec.resolutions().toArray()))
                .param("optimizer", spec.promptOptimizer()).param("enabled", enabled).param("now", utc(now))
                .param("by", by).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static JobsApi.CatalogueModel model(ResultSet rs, int row) throws SQLException {
        return new JobsApi.CatalogueModel(rs.getString("id"), rs.getString("provider"), rs.getString("provider_model"),
                Arrays.stream((Integer[]) array(rs.getArray("durations"))).toList(),
                Arrays.stream((String[]) array(rs.getArray("resolutions"))).toList(), rs.getBoolean("prompt_optimizer"),
                rs.getBoolean("enabled"), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getString("updated_by"));
    }

    private static Object[] array(Array array) throws SQLException {
        return (Object[]) array.getArray();
    }
}
