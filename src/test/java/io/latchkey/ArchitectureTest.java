package io.latchkey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the layers one-way and the inner layers free of web and security types. */
class ArchitectureTest {

  private final JavaClasses mainClasses =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.latchkey");

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
        .mayOnlyBeAccessedByLayers("Interfaces")
        .whereLayer("Application")
        .mayOnlyBeAccessedByLayers("Infrastructure", "Interfaces")
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
