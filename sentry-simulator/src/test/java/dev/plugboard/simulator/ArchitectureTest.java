package dev.plugboard.simulator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The simulator's packages depend on each other in one direction only (see ARCHITECTURE.md). */
class ArchitectureTest {
    @Test
    void thePackagesOfTheSimulatorHaveNoCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.plugboard.simulator");
        slices().matching("dev.plugboard.simulator.(*)..").should().beFreeOfCycles().check(classes);
    }
}
