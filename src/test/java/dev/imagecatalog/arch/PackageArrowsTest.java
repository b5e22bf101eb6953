package dev.imagecatalog.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout shows the architecture: catalog -> query -> api -> ops, arrows one way; inside api, the
 * routes (api) -> the HTTP edge (api.http) -> the stored bytes (api.answers) -> JSON writing (api.json).
 */
class PackageArrowsTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.imagecatalog");
    }

    @Test
    void theCatalogKnowsNothingOfRequests() {
        noClasses().that().resideInAPackage("dev.imagecatalog.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.imagecatalog.query..", "dev.imagecatalog.api..", "dev.imagecatalog.ops..")
                .check(classes);
    }

    @Test
    void queriesKnowNothingOfHttp() {
        noClasses().that().resideInAPackage("dev.imagecatalog.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.imagecatalog.api..", "dev.imagecatalog.ops..")
                .check(classes);
    }

    @Test
    void theApiKnowsNothingOfOperations() {
        noClasses().that().resideInAPackage("dev.imagecatalog.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.imagecatalog.ops..")
                .check(classes);
    }

    @Test
    void jsonWritersKnowNothingOfHttpStoredAnswersOrRoutes() {
        noClasses().that().resideInAPackage("dev.imagecatalog.api.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.imagecatalog.api", "dev.imagecatalog.api.http..", "dev.imagecatalog.api.answers..")
                .check(classes);
    }

    @Test
    void storedAnswersKnowNothingOfHttpOrRoutes() {
        noClasses().that().resideInAPackage("dev.imagecatalog.api.answers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.imagecatalog.api", "dev.imagecatalog.api.http..")
                .check(classes);
    }

    @Test
    void theHttpEdgeKnowsNothingOfTheRoutes() {
        noClasses().that().resideInAPackage("dev.imagecatalog.api.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.imagecatalog.api")
                .check(classes);
    }
}
