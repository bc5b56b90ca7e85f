package io.github.careeradvisor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers as the compiled product classes show them (test sources are left out): no package
 * depends on itself through another, nothing calls back into the wiring, and third-party types stay
 * at their edges.
 */
class PackageRulesTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheProductClasses() {
        product = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.github.careeradvisor");
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("io.github.careeradvisor.(*)..").should().beFreeOfCycles().check(product);
    }

    /** App builds every part, so a part that used App would close a circle the slice rule cannot see. */
    @Test
    void only_the_wiring_knows_the_wiring() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor")
                .should().dependOnClassesThat().resideInAPackage("io.github.careeradvisor")
                .check(product);
    }

    @Test
    void telegrambots_types_stay_in_telegram() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor.telegram..")
                .should().dependOnClassesThat().resideInAPackage("org.telegram..")
                .check(product);
    }

    /** Charts are drawn in one place (README, "Charts"): JFreeChart and AWT stay in chart. */
    @Test
    void jfreechart_and_awt_stay_in_chart() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..", "java.awt..", "javax.imageio..")
                .check(product);
    }

    /** A chart is a record of the project's own values: it never reaches back into who asks for it. */
    @Test
    void chart_depends_only_on_the_knowledge() {
        noClasses().that().resideInAPackage("io.github.careeradvisor.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.careeradvisor.advisor..",
                        "io.github.careeradvisor.answer..", "io.github.careeradvisor.telegram..",
                        "io.github.careeradvisor.cli..", "io.github.careeradvisor.profile..")
                .check(product);
    }

    /** The HTTP server and the metrics registry stay where operators are served (README, "Health and metrics"). */
    @Test
    void jetty_and_micrometer_stay_in_monitoring() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor.monitoring..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.micrometer..",
                        "io.prometheus..")
                .check(product);
    }

    @Test
    void jdbc_stays_in_the_stores() {
        noClasses().that().resideOutsideOfPackages("io.github.careeradvisor.storage..",
                        "io.github.careeradvisor.profile..", "io.github.careeradvisor.inbox..",
                        "io.github.careeradvisor.replicas..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(product);
    }

    /**
     * The database's drivers, pool and migrations stay where the database is opened (README, "Run at scale"):
     * the stores speak plain JDBC to the {@code storage.Database} they are given.
     */
    @Test
    void flyway_hikaricp_and_the_jdbc_drivers_stay_in_storage() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..", "com.zaxxer.hikari..",
                        "org.postgresql..", "org.sqlite..")
                .check(product);
    }

    /** The model API's client and chat types stay where answers are phrased (README, "Use a language model"). */
    @Test
    void langchain4j_chat_types_stay_in_generation() {
        noClasses().that().resideOutsideOfPackage("io.github.careeradvisor.generation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j.model.openai..",
                        "dev.langchain4j.model.chat..", "dev.langchain4j.data.message..", "dev.langchain4j.exception..")
                .check(product);
    }
}
