package dev.i2v.worker.providers;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The routes that serve each public model: {@code i2v.models.<model>.routes[n]}. A model without routes here is
 * served by its catalogue provider's account, as before routes existed.
 *
 * <pre>
 * i2v.models.hailuo-02.routes[0].account=minimax
 * i2v.models.hailuo-02.routes[1].account=fal
 * i2v.models.hailuo-02.routes[1].provider-model=fal-ai/minimax/hailuo-02/standard/image-to-video
 * </pre>
 *
 * @param models every model that has routes set
 */
@ConfigurationProperties("i2v")
@Validated
public record RoutesProperties(@NotNull @DefaultValue Map<String, @Valid ModelRoutes> models) {

    /** @param routes in priority order unless each says its {@code priority} */
    public record ModelRoutes(@NotNull @DefaultValue List<@Valid Route> routes) {
    }

    /**
     * @param account       an account under {@code i2v.providers.<account>}
     * @param providerModel the model's id at that provider; the catalogue's by default (right when the account is of
     *                      the model's catalogue provider)
     * @param priority      lower goes first; by default the route's place in the list
     * @param weight        share of new tasks among routes of equal priority
     */
    public record Route(@NotBlank String account, String providerModel, Integer priority,
                        @Min(1) @DefaultValue("1") int weight) {
    }
}
