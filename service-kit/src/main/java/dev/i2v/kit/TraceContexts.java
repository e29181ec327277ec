package dev.i2v.kit;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Carries a trace across the hops that no instrumentation sees: a row in the outbox, a record a worker
 * takes with its own share consumer. The context travels as a W3C {@code traceparent}; without tracing
 * everything here is a no-op.
 */
public final class TraceContexts {

    /** The W3C header (and outbox column) that carries the context. */
    public static final String TRACEPARENT = "traceparent";

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, or null outside a trace. */
    public String current() {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        TraceContext context = t == null ? null : t.currentTraceContext().context();
        if (context == null || p == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        p.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs the work in a new span that continues the given trace (or as it is, without one). */
    public void run(String traceparent, String spanName, Runnable work) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        if (traceparent == null || t == null || p == null) {
            work.run();
            return;
        }
        Span span = p.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(spanName).start();
        try (Tracer.SpanInScope scope = t.withSpan(span)) {
            work.run();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
