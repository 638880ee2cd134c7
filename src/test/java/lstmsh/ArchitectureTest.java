package lstmsh;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering described in docs/architecture.md, checked on the compiled classes: a change
 * that breaks it fails the build.
 */
@CoreTest
class ArchitectureTest {

    /** The core: it computes and reports, never prints, and knows nothing of the shell. */
    static final String[] CORE = {
        "lstmsh.util..", "lstmsh.finding..", "lstmsh.corpus..", "lstmsh.engine..", "lstmsh.model..",
        "lstmsh.train..", "lstmsh.sample..", "lstmsh.inspect..", "lstmsh.bench..", "lstmsh.checkpoint..", "lstmsh.interop..",
        "lstmsh.fit.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // By the directory name, which also matches the MXNet build's target-mxnet/test-classes.
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("lstmsh");
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("lstmsh.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreUsesNoTerminalCommandLineOrRendering() {
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.jline..", "picocli..", "lstmsh.render..", "lstmsh.session..", "lstmsh.shell..",
                        "lstmsh.command..")
                .because("the core computes and returns reports; commands render them");
        rule.check(classes);
    }

    @Test
    void onlyTheShellTouchesTheTerminalLibrary() {
        noClasses().that().resideOutsideOfPackages("lstmsh.shell..", "lstmsh.render..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jline..")
                .check(classes);
    }

    @Test
    void renderingDependsOnNoShellLayer() {
        noClasses().that().resideInAPackage("lstmsh.render..")
                .should().dependOnClassesThat().resideInAnyPackage("lstmsh.session..", "lstmsh.shell..", "lstmsh.command..")
                .check(classes);
    }

    @Test
    void sessionKnowsNeitherCommandsNorTheShell() {
        noClasses().that().resideInAPackage("lstmsh.session..")
                .should().dependOnClassesThat().resideInAnyPackage("lstmsh.shell..", "lstmsh.command..", "org.jline..", "picocli..")
                .check(classes);
    }

    @Test
    void nothingButTheEntryPointDependsOnTheShell() {
        noClasses().that().resideOutsideOfPackage("lstmsh.shell..").and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().resideInAPackage("lstmsh.shell..")
                .check(classes);
    }

    @Test
    void theRootPackageHoldsOnlyTheEntryPointAndNothingDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("lstmsh")
                .should().dependOnClassesThat().resideInAPackage("lstmsh")
                .check(classes);
    }

    @Test
    void checkpointsSitAboveModelAndTraining() {
        noClasses().that().resideInAnyPackage("lstmsh.model..", "lstmsh.train..")
                .should().dependOnClassesThat().resideInAPackage("lstmsh.checkpoint..")
                .check(classes);
        noClasses().that().resideInAPackage("lstmsh.model..")
                .should().dependOnClassesThat().resideInAPackage("lstmsh.train..")
                .check(classes);
    }

    @Test
    void onlyTheEntryPointWritesToTheStandardStreams() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should(ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}
