package dev.plugboard.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked on the compiled main classes. */
class ArchitectureTest {
    private static final JavaClasses HOST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.plugboard.host");

    @Test
    void thePackagesOfTheHostHaveNoCycles() {
        slices().matching("dev.plugboard.host.(*)..").should().beFreeOfCycles().check(HOST);
    }

    @Test
    void onlyTheEntryPointUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("dev.plugboard.host", "dev.plugboard.host.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.plugboard.host.cli..")
                .check(HOST);
    }
}
