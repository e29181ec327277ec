package dev.i2v.worker.engine;

import java.util.List;

/** Several engines from one place, e.g. every model of a provider. */
@FunctionalInterface
public interface EngineSource {

    List<VideoEngine> engines();
}
