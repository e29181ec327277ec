package dev.i2v.credits;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import dev.i2v.infra.rules.ServiceArchitectureRules;

@AnalyzeClasses(packagesOf = CreditsApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(ServiceArchitectureRules.class);

    /** The ledger is SQL by nature (append-only lines, the audit's sums); metrics read a sum. */
    @ArchTest
    static final ArchRule jdbc = ServiceArchitectureRules.jdbcOnlyInRepositoriesAnd(
            "dev.i2v.credits.ledger.Ledger", "dev.i2v.credits.ledger.LedgerQueries", "dev.i2v.credits.ledger.LedgerAudit",
            "dev.i2v.credits.metrics.PointsMetrics");

    /** Accounts are read by every feature (holds, grants, pricing): their repository is the shared one. */
    @ArchTest
    static final ArchRule repositories = ServiceArchitectureRules.repositoriesArePackagePrivateExcept(
            "dev.i2v.credits.registry.AccountRepository");
}
