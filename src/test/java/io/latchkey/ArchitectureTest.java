package io.latchkey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

/** Keeps the layers one-way and the inner layers free of web and security types. */
class ArchitectureTest {

  private final JavaClasses mainClasses =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.latchkey");

  /**
   * Interfaces (inbound adapters: pages, the HTTP security adapter) and infrastructure (outbound:
   * JPA, hashing, provider calls) both depend on the application and the domain, never on each
   * other; CDI wires the infrastructure's implementations of the domain's and application's ports.
   */
  @Test
  void layersDependOnlyInward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Domain")
        .definedBy("io.latchkey.domain..")
        .layer("Application")
        .definedBy("io.latchkey.application..")
        .layer("Infrastructure")
        .definedBy("io.latchkey.infrastructure..")
        .layer("Interfaces")
        .definedBy("io.latchkey.interfaces..")
        .whereLayer("Interfaces")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Infrastructure")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Application")
        .mayOnlyBeAccessedByLayers("Infrastructure", "Interfaces")
        .whereLayer("Domain")
        .mayOnlyBeAccessedByLayers("Application", "Infrastructure", "Interfaces")
        .check(mainClasses);
  }

  /** Authentication mechanisms and identity stores are the inbound security adapter's, alone. */
  @Test
  void jakartaSecurityGlueLivesInTheWebSecurityAdapter() {
    classes()
        .that()
        .implement(HttpAuthenticationMechanism.class)
        .or()
        .implement(IdentityStore.class)
        .or()
        .implement(IdentityStoreHandler.class)
        .or()
        .areAnnotatedWith(OpenIdAuthenticationMechanismDefinition.class)
        .should()
        .resideInAPackage("io.latchkey.interfaces.web.security")
        .check(mainClasses);
  }

  /** Only the security adapter starts or ends sessions; pages ask it ({@code Sessions}). */
  @Test
  void onlyTheSecurityAdapterTouchesHttpSessions() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.latchkey.interfaces.web.security")
        .should()
        .callMethod(HttpServletRequest.class, "changeSessionId")
        .orShould()
        .callMethod(jakarta.servlet.http.HttpSession.class, "invalidate")
        .check(mainClasses);
  }

  @Test
  void domainAndApplicationKnowNothingOfFacesServletsOrJakartaSecurity() {
    noClasses()
        .that()
        .resideInAnyPackage("io.latchkey.domain..", "io.latchkey.application..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.faces..", "jakarta.servlet..", "jakarta.security..")
        .check(mainClasses);
  }

  @Test
  void domainKnowsNothingOfTransactionsOrCdi() {
    noClasses()
        .that()
        .resideInAPackage("io.latchkey.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.transaction..", "jakarta.enterprise..")
        .check(mainClasses);
  }
}
