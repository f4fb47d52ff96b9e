package org.hiehub.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The architecture written down as tests: what each module may and may not depend on. */
@AnalyzeClasses(packages = "org.hiehub", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule events_api_depends_on_nothing_but_jackson_and_axon_annotations = classes()
            .that().resideInAPackage("org.hiehub.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "com.fasterxml.jackson..", "org.axonframework.serialization..",
                    "org.axonframework.modelling.command..", "org.hiehub.api..")
            .because("every role and every future consumer shares these records; they must stay plain");

    @ArchTest
    static final ArchRule aggregates_are_free_of_spring_and_of_the_web = classes()
            .that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.axonframework..", "org.hiehub.api..", "org.hiehub.command.identity",
                    "org.hiehub.command.ingest", "org.hiehub.command.consent")
            .because("the domain decides; infrastructure and HTTP adapt to it, never the other way round");

    @ArchTest
    static final ArchRule the_query_side_never_writes_events = noClasses()
            .that().resideInAPackage("org.hiehub.query..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework.commandhandling..", "org.axonframework.eventsourcing..",
                    "org.axonframework.eventhandling.gateway..", "org.axonframework.modelling..",
                    "org.hiehub.command..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventhandling.EventBus")
            .because("the read API only reads the views; writes go through the command side");

    @ArchTest
    static final ArchRule projections_know_events_not_commands_or_http = noClasses()
            .that().resideInAPackage("org.hiehub.projections..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.hiehub.command..", "org.hiehub.query..", "org.springframework.web..",
                    "org.axonframework.commandhandling..")
            .because("a projection is rebuilt from the event log alone");

    @ArchTest
    static final ArchRule only_the_hub_assembly_knows_its_infrastructure = noClasses()
            .that().resideOutsideOfPackage("org.hiehub.hub..")
            .should().dependOnClassesThat().resideInAPackage("org.hiehub.hub..")
            .because("roles must stay splittable into separate processes");

    @ArchTest
    static final ArchRule the_matching_engine_is_plain_java = noClasses()
            .that().resideInAnyPackage("org.hiehub.command.identity.matching.compare..",
                    "org.hiehub.command.identity.matching.profile..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
            .because("match-eval runs the very same engine outside the hub");
}
