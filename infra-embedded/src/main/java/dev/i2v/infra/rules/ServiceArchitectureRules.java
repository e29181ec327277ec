package dev.i2v.infra.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps, checked by each service's {@code ArchitectureTest}:
 * controller (mapping only) → application service → domain → repository.
 */
public final class ServiceArchitectureRules {

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String REPOSITORY = "org.springframework.stereotype.Repository";

    @ArchTest
    public static final ArchRule controllersDoNotTouchPersistence = noClasses()
            .that().areAnnotatedWith(REST_CONTROLLER)
            .should().dependOnClassesThat().areAnnotatedWith(REPOSITORY)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
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
    public static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.i2v.(*).(*)..").should().beFreeOfCycles();

    private ServiceArchitectureRules() {
    }
}
