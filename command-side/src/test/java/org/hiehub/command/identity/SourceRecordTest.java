package org.hiehub.command.identity;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.ConfirmLink;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.FieldComparison;
import org.hiehub.api.identity.LinkConfirmed;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.MatchDecision;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.api.identity.RejectLink;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.DecidedLink;
import org.hiehub.api.identity.LinkAsDecided;
import org.hiehub.api.identity.LinkIdentifier;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.RecordSourceMerge;
import org.hiehub.api.identity.RegisterSourceRecord;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.identity.SourceRecordsMerged;
import org.hiehub.api.identity.UnlinkIdentifier;
import org.hiehub.api.identity.UpdateDemographics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceRecordTest {

    static final SourceRecordId RECORD = SourceRecordId.of("sr-1");
    static final MasterPatientId PATIENT = MasterPatientId.of("mp-1");
    static final MasterPatientId OTHER = MasterPatientId.of("mp-2");
    static final Demographics JOHN = new Demographics(List.of(PersonName.of("Smith", "John")),
            LocalDate.of(1970, 1, 15), "male", List.of(new PatientIdentifier("urn:oid:1.2.3", "MRN1", "MR")),
            List.of(), List.of(), null, null);
    static final Demographics JOHN_MOVED = new Demographics(JOHN.names(), JOHN.birthDate(), "male",
            JOHN.identifiers(), List.of(new org.hiehub.api.identity.Address("home", List.of("1 Main St"), "Boston",
            null, "MA", "02101", "US")), List.of(), null, null);
    static final SourceRecordRegistered REGISTERED = new SourceRecordRegistered(RECORD, "HOSP_A", "MRN1", JOHN);

    FixtureConfiguration<SourceRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SourceRecord.class);
    }

    @Test
    void registers_a_source_record_with_what_the_source_said() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSourceRecord(RECORD, "HOSP_A", "MRN1", JOHN))
                .expectEvents(REGISTERED);
    }

    @Test
    void registers_links_and_records_the_decision_in_one_command_for_a_record_the_mpi_has_decided() {
        var comparisons = List.of(new FieldComparison("family", 3, "exact", 8.1));
        MatchDecision decision = new MatchDecision(PATIENT, SourceRecordId.of("sr-9"), 93, "AUTO", "LINKED",
                comparisons);
        fixture.givenNoPriorActivity()
                .when(new RegisterSourceRecord(RECORD, "HOSP_A", "MRN1", JOHN,
                        new DecidedLink(PATIENT, 93, LinkMethod.PROBABILISTIC, decision)))
                .expectEvents(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 93, LinkMethod.PROBABILISTIC),
                        new MatchEvaluated(RECORD, PATIENT, SourceRecordId.of("sr-9"), 93, "AUTO", "LINKED",
                                comparisons));
    }

    @Test
    void a_record_registered_as_decided_is_linked_so_the_rules_refuse_a_second_link() {
        fixture.givenCommands(new RegisterSourceRecord(RECORD, "HOSP_A", "MRN1", JOHN,
                        new DecidedLink(PATIENT, 100, LinkMethod.NEW_PATIENT, MatchDecision.noMatch("NEW_PATIENT"))))
                .when(new LinkIdentifier(RECORD, OTHER, 100, LinkMethod.PROBABILISTIC))
                .expectException(IdentityRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refuses_a_registration_whose_decided_confidence_is_out_of_range_and_records_nothing() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSourceRecord(RECORD, "HOSP_A", "MRN1", JOHN,
                        new DecidedLink(PATIENT, 101, LinkMethod.PROBABILISTIC, MatchDecision.noMatch("LINKED"))))
                .expectException(IdentityRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void records_changed_demographics_as_a_new_fact() {
        fixture.given(REGISTERED)
                .when(new UpdateDemographics(RECORD, JOHN_MOVED))
                .expectEvents(new DemographicsUpdated(RECORD, JOHN_MOVED));
    }

    @Test
    void records_nothing_when_the_source_resends_the_same_demographics() {
        fixture.given(REGISTERED)
                .when(new UpdateDemographics(RECORD, JOHN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void links_an_unlinked_record_with_its_confidence_and_method() {
        fixture.given(REGISTERED)
                .when(new LinkIdentifier(RECORD, PATIENT, 97, LinkMethod.PROBABILISTIC))
                .expectEvents(new IdentifierLinked(RECORD, PATIENT, 97, LinkMethod.PROBABILISTIC));
    }

    @Test
    void linking_again_to_the_same_master_patient_changes_nothing() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT))
                .when(new LinkIdentifier(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT))
                .expectNoEvents();
    }

    @Test
    void refuses_to_link_a_record_already_linked_to_another_master_patient() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT))
                .when(new LinkIdentifier(RECORD, OTHER, 90, LinkMethod.STEWARD))
                .expectException(IdentityRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already linked"));
    }

    @Test
    void refuses_a_confidence_outside_zero_to_one_hundred() {
        fixture.given(REGISTERED)
                .when(new LinkIdentifier(RECORD, PATIENT, 101, LinkMethod.STEWARD))
                .expectException(IdentityRuleViolation.class);
    }

    @Test
    void unlinks_a_linked_record_naming_the_master_patient_it_leaves() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT))
                .when(new UnlinkIdentifier(RECORD, "wrong link"))
                .expectEvents(new IdentifierUnlinked(RECORD, PATIENT, "wrong link"));
    }

    @Test
    void refuses_to_unlink_a_record_that_is_not_linked() {
        fixture.given(REGISTERED)
                .when(new UnlinkIdentifier(RECORD, "wrong link"))
                .expectException(IdentityRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not linked"));
    }

    @Test
    void can_be_linked_elsewhere_after_an_unlink() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT),
                        new IdentifierUnlinked(RECORD, PATIENT, "wrong link"))
                .when(new LinkIdentifier(RECORD, OTHER, 100, LinkMethod.STEWARD))
                .expectEvents(new IdentifierLinked(RECORD, OTHER, 100, LinkMethod.STEWARD));
    }

    @Test
    void records_a_merge_the_source_made_on_the_surviving_record() {
        SourceRecordId retired = SourceRecordId.of("sr-2");
        fixture.given(REGISTERED)
                .when(new RecordSourceMerge(RECORD, retired))
                .expectEvents(new SourceRecordsMerged(RECORD, retired));
    }

    @Test
    void links_as_the_mpi_decided_and_records_the_decision_with_its_per_field_comparison() {
        var comparisons = List.of(new FieldComparison("family", 3, "exact", 8.1),
                new FieldComparison("dob", -1, "missing", 0.0));
        fixture.given(REGISTERED)
                .when(new LinkAsDecided(RECORD, new DecidedLink(PATIENT, 87, LinkMethod.PROBABILISTIC,
                        new MatchDecision(PATIENT, SourceRecordId.of("sr-9"), 87, "REVIEW", "LINKED_FOR_REVIEW",
                                comparisons))))
                .expectEvents(new IdentifierLinked(RECORD, PATIENT, 87, LinkMethod.PROBABILISTIC),
                        new MatchEvaluated(RECORD, PATIENT, SourceRecordId.of("sr-9"), 87, "REVIEW",
                                "LINKED_FOR_REVIEW", comparisons));
    }

    @Test
    void a_new_patient_decision_founds_the_patient_and_records_that_nothing_matched() {
        fixture.given(REGISTERED)
                .when(new LinkAsDecided(RECORD, new DecidedLink(PATIENT, 100, LinkMethod.NEW_PATIENT,
                        MatchDecision.noMatch("NEW_PATIENT"))))
                .expectEvents(new PatientCreated(PATIENT, RECORD),
                        new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT),
                        new MatchEvaluated(RECORD, null, null, 0, "NO_MATCH", "NEW_PATIENT", List.of()));
    }

    @Test
    void a_record_that_matched_nobody_founds_its_master_patient_in_its_own_command_before_its_events() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSourceRecord(RECORD, "HOSP_A", "MRN1", JOHN,
                        new DecidedLink(PATIENT, 100, LinkMethod.NEW_PATIENT, MatchDecision.noMatch("NEW_PATIENT"))))
                .expectEvents(new PatientCreated(PATIENT, RECORD), REGISTERED,
                        new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT),
                        new MatchEvaluated(RECORD, null, null, 0, "NO_MATCH", "NEW_PATIENT", List.of()));
    }

    @Test
    void a_founding_link_the_rules_refuse_founds_nobody() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, OTHER, 100, LinkMethod.PROBABILISTIC))
                .when(new LinkAsDecided(RECORD, new DecidedLink(PATIENT, 100, LinkMethod.NEW_PATIENT,
                        MatchDecision.noMatch("NEW_PATIENT"))))
                .expectException(IdentityRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_decision_whose_link_the_rules_refuse_records_nothing() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, OTHER, 100, LinkMethod.NEW_PATIENT))
                .when(new LinkAsDecided(RECORD, new DecidedLink(PATIENT, 97, LinkMethod.PROBABILISTIC,
                        MatchDecision.noMatch("LINKED"))))
                .expectException(IdentityRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void confirming_a_suggested_pair_links_it_as_a_steward_decision() {
        fixture.given(REGISTERED)
                .when(new ConfirmLink(RECORD, PATIENT, "steward-1"))
                .expectEvents(new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.STEWARD),
                        new LinkConfirmed(RECORD, PATIENT, "steward-1"));
    }

    @Test
    void confirming_an_existing_link_only_records_the_confirmation() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 88, LinkMethod.PROBABILISTIC))
                .when(new ConfirmLink(RECORD, PATIENT, "steward-1"))
                .expectEvents(new LinkConfirmed(RECORD, PATIENT, "steward-1"));
    }

    @Test
    void rejecting_the_current_link_unlinks_the_record_and_records_the_refusal() {
        fixture.given(REGISTERED, new IdentifierLinked(RECORD, PATIENT, 88, LinkMethod.PROBABILISTIC))
                .when(new RejectLink(RECORD, PATIENT, "steward-1", "different person"))
                .expectEvents(new IdentifierUnlinked(RECORD, PATIENT, "rejected by steward: different person"),
                        new LinkRejected(RECORD, PATIENT, "steward-1", "different person"));
    }

    @Test
    void a_rejected_pair_is_never_linked_again_automatically() {
        fixture.given(REGISTERED, new LinkRejected(RECORD, PATIENT, "steward-1", "different person"))
                .when(new LinkIdentifier(RECORD, PATIENT, 99, LinkMethod.PROBABILISTIC))
                .expectException(IdentityRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("rejected"));
    }

    @Test
    void a_steward_may_still_link_a_rejected_pair_explicitly() {
        fixture.given(REGISTERED, new LinkRejected(RECORD, PATIENT, "steward-1", "different person"))
                .when(new LinkIdentifier(RECORD, PATIENT, 100, LinkMethod.STEWARD))
                .expectEvents(new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.STEWARD));
    }
}
