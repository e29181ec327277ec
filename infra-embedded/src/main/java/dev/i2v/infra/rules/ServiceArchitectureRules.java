package dev.i2v.infra.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps, checked by each service's {@code ArchitectureTest}:
 * controller (mapping only) → application service → domain → repository. The rules with an allow-list are
 * factories: each service names the classes it lets use JDBC outside a repository, so a new one is a decision.
 */
public final class ServiceArchitectureRules {

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String REPOSITORY = "org.springframework.stereotype.Repository";
    private static final String SERVICE = "org.springframework.stereotype.Service";
    private static final String JDBC_CLIENT = "org.springframework.jdbc.core.simple.JdbcClient";

    @ArchTest
    public static final ArchRule controllersDoNotTouchPersistence = noClasses()
            .that().areAnnotatedWith(REST_CONTROLLER)
            .should().dependOnClassesThat().areAnnotatedWith(REPOSITORY)
            .orShould().dependOnClassesThat().haveFullyQualifiedName(JDBC_CLIENT)
            .because("controllers only map HTTP to application services")
            .allowEmptyShould(true); // the worker has no controllers

    @ArchTest
    public static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(REST_CONTROLLER)
            .should().notBePublic()
            .because("nothing calls a controller but Spring MVC")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule noFieldInjection = noFields()
            .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .because("dependencies come through constructors");

    @ArchTest
    public static final ArchRule layersPointDownwards = noClasses()
            .that().areAnnotatedWith(REPOSITORY).or().areAnnotatedWith(SERVICE)
            .should().dependOnClassesThat().areAnnotatedWith(REST_CONTROLLER)
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Controller")
            .because("controllers call application services, never the other way round")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule repositoriesCallNoService = noClasses()
            .that().areAnnotatedWith(REPOSITORY)
            .should().dependOnClassesThat().areAnnotatedWith(SERVICE)
            .because("a repository reads and writes rows; deciding is the services' and the domain's")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule problemsDependOnNoFeature = noClasses()
            .that().resideInAPackage("dev.i2v.*.problems..")
            .should().dependOnClassesThat(inAFeatureOtherThan("problems"))
            .because("the exception hierarchy is shared by every feature and so may know none")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.i2v.(*).(*)..").should().beFreeOfCycles();

    /** JDBC only in repositories and in the named classes (outboxes, relays, gauges that count rows). */
    public static ArchRule jdbcOnlyInRepositoriesAnd(String... allowed) {
        return noClasses().that().areNotAnnotatedWith(REPOSITORY).and(notOneOf(allowed))
                .should().dependOnClassesThat().haveFullyQualifiedName(JDBC_CLIENT)
                .because("SQL lives in repositories; the classes named in the service's ArchitectureTest are the "
                        + "exceptions it chose");
    }

    /** Repositories are package-private, but for the named ones that several features share. */
    public static ArchRule repositoriesArePackagePrivateExcept(String... shared) {
        return classes().that().areAnnotatedWith(REPOSITORY).and(notOneOf(shared))
                .should().notBePublic()
                .because("a feature's rows are written through its own application services only")
                .allowEmptyShould(true);
    }

    /** Classes of a service's feature package ({@code dev.i2v.<service>.<feature>..}) other than {@code except}. */
    private static DescribedPredicate<JavaClass> inAFeatureOtherThan(String except) {
        return DescribedPredicate.describe("in a feature package other than " + except, c -> {
            String[] parts = c.getPackageName().split("\\.");
            return parts.length >= 4 && parts[0].equals("dev") && parts[1].equals("i2v")
                    && !List.of("kit", "contracts", "infra", "storage").contains(parts[2]) && !parts[3].equals(except);
        });
    }

    /** Names are fully qualified; a named class's nested classes count as it. */
    private static DescribedPredicate<JavaClass> notOneOf(String... names) {
        return DescribedPredicate.describe("not one of " + Arrays.toString(names),
                c -> Arrays.stream(names).noneMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    }

    private ServiceArchitectureRules() {
    }
}
