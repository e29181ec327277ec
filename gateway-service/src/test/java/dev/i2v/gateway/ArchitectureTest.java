package dev.i2v.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import dev.i2v.infra.rules.ServiceArchitectureRules;

@AnalyzeClasses(packagesOf = GatewayApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(ServiceArchitectureRules.class);

    @ArchTest
    static final ArchRule jdbc = ServiceArchitectureRules.jdbcOnlyInRepositoriesAnd("dev.i2v.gateway.auth.OidcTokens");

    @ArchTest
    static final ArchRule repositories = ServiceArchitectureRules.repositoriesArePackagePrivateExcept();
}
