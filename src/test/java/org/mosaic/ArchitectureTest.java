package org.mosaic;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers follow the data flow: model ← io ← algorithms (enroll, sections, groups, measure, simulate) ← config
 * (the files the algorithms take) ← store ← web, cli. Algorithms never touch files, HTTP or SQL, so they can be tested and reused without any of them.
 */
class ArchitectureTest {
    private static final String ROOT = "org.mosaic.";
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mosaic");
    }

    private static String pkg(String name) {
        return ROOT + name + "..";
    }

    @Test
    void modelDependsOnNothingElseInMosaic() {
        noClasses().that().resideInAPackage(pkg("model"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("io"), pkg("enroll"), pkg("sections"),
                        pkg("groups"), pkg("measure"), pkg("simulate"), pkg("store"), pkg("web"), pkg("cli"))
                .check(classes);
    }

    @Test
    void algorithmsDoNotTouchFilesDatabasesHttpOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(pkg("enroll"), pkg("sections"), pkg("groups"), pkg("measure"),
                        pkg("simulate"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("io"), pkg("config"), pkg("store"), pkg("web"),
                        pkg("cli"), "java.sql..", "javax.sql..", "java.net.http..", "io.javalin..", "picocli..")
                .check(classes);
    }

    @Test
    void algorithmsDoNotReadOrWriteFiles() {
        noClasses().that().resideInAnyPackage(pkg("enroll"), pkg("sections"), pkg("groups"), pkg("measure"),
                        pkg("simulate"))
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .check(classes);
    }

    @Test
    void ioDependsOnlyOnModel() {
        noClasses().that().resideInAPackage(pkg("io"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("enroll"), pkg("sections"), pkg("groups"),
                        pkg("measure"), pkg("simulate"), pkg("config"), pkg("store"), pkg("web"), pkg("cli"))
                .check(classes);
    }

    @Test
    void configReadersAreBelowStoreWebAndCli() {
        noClasses().that().resideInAPackage(pkg("config"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("store"), pkg("web"), pkg("cli"))
                .check(classes);
    }

    @Test
    void storeIsBelowWebAndCli() {
        noClasses().that().resideInAPackage(pkg("store"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("web"), pkg("cli"))
                .check(classes);
    }

    @Test
    void webAndCliDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage(pkg("web"))
                .should().dependOnClassesThat().resideInAPackage(pkg("cli"))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheRulePackageReadsTheBuiltInRulesFields() {
        // One home per rule: the bounds, drafts, search, repair, model, explainer and statistics learn about IEP,
        // EL and gifted students only from the rule package (its shares, and RuleFlag for counts), so a new rule
        // never needs them edited. The problem model (SectionProblem and its records) and the problem builder
        // (GradeProblem) are the only other readers. Method references count as reads: a count written as
        // filter(Pupil::iep) reads the field as surely as a call does.
        java.util.Set<String> fields = java.util.Set.of("iep", "ell", "gifted", "coTaught", "ellCertified",
                "clusterIep", "iepShare", "iepMax", "clusterEll", "clusterGifted", "giftedMin", "giftedMax",
                "giftedShare");
        java.util.Set<String> owners = java.util.Set.of(org.mosaic.sections.SectionProblem.Pupil.class.getName(),
                org.mosaic.sections.SectionProblem.Slot.class.getName(),
                org.mosaic.sections.SectionProblem.Rules.class.getName());
        noClasses().that().resideInAPackage(ROOT + "sections")
                .and().haveNameNotMatching("org\\.mosaic\\.sections\\.(SectionProblem|GradeProblem)(\\$.*)?")
                .should().accessTargetWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a built-in rule's field", access -> owners.contains(access.getTargetOwner().getName())
                                && fields.contains(access.getName())))
                .check(classes);
    }

    @Test
    void problemsAreBuiltInSectionsNotInTheCommandLineOrTheWeb() {
        // Building a solver problem is domain logic (which students, sections, requests and rules): one builder in
        // sections (GradeProblem) serves the CLI, the web class builder and the evaluator alike.
        noClasses().that().resideInAnyPackage(pkg("cli"), pkg("web"))
                .should().callConstructor(org.mosaic.sections.SectionProblem.class, java.util.List.class,
                        java.util.List.class, double.class, int.class, java.util.List.class, java.util.List.class,
                        java.util.Map.class, org.mosaic.sections.SectionProblem.Rules.class,
                        org.mosaic.sections.SectionProblem.Weights.class, double.class, int.class, long.class,
                        java.util.List.class, org.mosaic.sections.SectionProblem.MeanLimit.class)
                .orShould().callMethod(org.mosaic.sections.SectionProblem.class, "builder", java.util.List.class,
                        java.util.List.class)
                .check(classes);
    }

    @Test
    void aClassIsGroupedInGroupsNotInTheCommandLineOrTheWeb() {
        // A class's roster, its keep-apart pairs, the planner's options and the teacher-first rotation are domain
        // logic: SectionGrouping plans them for the CLI and the web alike, so a class gets the same groups from both.
        noClasses().that().resideInAnyPackage(pkg("cli"), pkg("web"))
                .should().callMethod(org.mosaic.groups.GroupPlanner.class, "plan", java.util.List.class,
                        org.mosaic.groups.GroupPlanner.Options.class)
                .orShould().callMethod(org.mosaic.groups.GroupPlanner.class, "apartPairs", java.util.List.class,
                        java.util.List.class)
                .orShould().callMethod(org.mosaic.groups.GroupPlanner.Options.class, "fresh", int.class, int.class)
                .orShould().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.equivalentTo(org.mosaic.groups.GroupPlanner.Options.class))))
                .orShould().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.equivalentTo(org.mosaic.groups.GroupPlanner.Member.class))))
                .orShould().callMethod(org.mosaic.groups.StationRotation.class, "schedule", int[].class, int[].class,
                        java.util.List.class, int.class, boolean.class)
                .orShould().callMethod(org.mosaic.groups.TeacherFirst.class, "needOrder", double[].class,
                        org.mosaic.groups.TeacherFirst.Order.class)
                .orShould().callMethod(org.mosaic.groups.MixedGroups.class, "deal", double[].class, int.class,
                        int[][].class)
                .check(classes);
    }

    @Test
    void noConstructorOfTheSolverProblemIsCalledFromTheCommandLineOrTheWeb() {
        // Whatever SectionProblem's constructors become, the CLI and the web reach it through GradeProblem only.
        noClasses().that().resideInAnyPackage(pkg("cli"), pkg("web"))
                .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.equivalentTo(org.mosaic.sections.SectionProblem.class))))
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.equivalentTo(org.mosaic.sections.SectionProblem.class)))
                        .and(JavaCall.Predicates.target(HasName.Predicates.name("builder"))))
                .check(classes);
    }

    @Test
    void algorithmPackagesOnlyUseLowerAlgorithmPackages() {
        // measure is the base every other algorithm may call (enroll and sections report segregation with it);
        // simulate may use everything below it; the three builders are independent of each other.
        noClasses().that().resideInAPackage(pkg("measure"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("enroll"), pkg("sections"), pkg("groups"),
                        pkg("simulate"))
                .check(classes);
        for (String builder : new String[] {"enroll", "sections", "groups"}) {
            noClasses().that().resideInAPackage(pkg(builder))
                    .should().dependOnClassesThat().resideInAPackage(pkg("simulate"))
                    .allowEmptyShould(true)
                    .check(classes);
        }
        slices().matching(ROOT + "(enroll|sections|groups)..").should().notDependOnEachOther()
                .allowEmptyShould(true)
                .check(classes);
    }
}
