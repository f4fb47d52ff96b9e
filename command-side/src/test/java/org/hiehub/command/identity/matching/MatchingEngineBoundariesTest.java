package org.hiehub.command.identity.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.hiehub.command.identity.matching", importOptions = ImportOption.DoNotIncludeTests.class)
class MatchingEngineBoundariesTest {

    @ArchTest
    static final ArchRule the_engine_packages_are_plain_java = noClasses()
            .that().resideInAnyPackage("..matching.profile..", "..matching.compare..", "..matching.blocking..",
                    "..matching.fellegisunter..", "..matching.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "org.hiehub.command.identity.index..")
            .because("match-eval runs the very same engine outside the hub, without Spring or a database");
}
