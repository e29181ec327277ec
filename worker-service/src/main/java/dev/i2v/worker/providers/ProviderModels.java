package dev.i2v.worker.providers;

/**
 * The provider's model id a route's next task is created with. Fixed by the route unless the model catalogue (data,
 * edited by operators) says otherwise for a route that takes the catalogue's id.
 */
@FunctionalInterface
public interface ProviderModels {

    /** The route's own id, always. */
    ProviderModels FIXED = (model, route) -> route.providerModel();

    String providerModel(String model, ProviderRoute route);
}
