package dev.i2v.bench;

import dev.i2v.bench.report.Report;

/** One benchmark: starts what it needs, measures, and returns its report (figures with their baseline). */
interface Scenario {

    String name();

    Report run(BenchContext context) throws Exception;
}
