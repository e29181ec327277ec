package dev.i2v.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import dev.i2v.infra.rules.ServiceArchitectureRules;

@AnalyzeClasses(packagesOf = JobsApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(ServiceArchitectureRules.class);

    /** The outboxes and their relays are SQL by nature; the gauges count rows without loading jobs. */
    @ArchTest
    static final ArchRule jdbc = ServiceArchitectureRules.jdbcOnlyInRepositoriesAnd(
            "dev.i2v.jobs.outbox.Outbox", "dev.i2v.jobs.outbox.OutboxRelay", "dev.i2v.jobs.webhooks.WebhookOutbox",
            "dev.i2v.jobs.webhooks.WebhookSecrets", "dev.i2v.jobs.webhooks.WebhookSender",
            "dev.i2v.jobs.metrics.QueueDepthGauges");

    @ArchTest
    static final ArchRule repositories = ServiceArchitectureRules.repositoriesArePackagePrivateExcept();

    /** A job's row changes only through its transitions, saved in one place. */
    @ArchTest
    static final ArchRule jobsAreSavedInOnePlace = noClasses()
            .that().doNotHaveSimpleName("JobTransitions")
            .should().callMethod("dev.i2v.jobs.jobs.JobRepository", "update", "dev.i2v.jobs.jobs.Job")
            .orShould().callMethod("dev.i2v.jobs.jobs.JobRepository", "insert", "dev.i2v.jobs.jobs.Job")
            .because("the row, its history, its messages and its metric are written together");
}
