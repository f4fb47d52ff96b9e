package org.hiehub.command.consent;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hiehub.api.consent.BreakTheGlass;
import org.hiehub.api.consent.ConsentCommands;
import org.hiehub.api.consent.ConsentDirectiveRecorded;
import org.hiehub.api.consent.ConsentDirectiveRevoked;
import org.hiehub.api.consent.ConsentProvision;
import org.hiehub.api.consent.EmergencyAccessGranted;
import org.hiehub.api.consent.EmergencyReason;
import org.hiehub.api.consent.RecordConsentDirective;
import org.hiehub.api.consent.ReviewEmergencyAccess;
import org.hiehub.api.consent.RevokeConsentDirective;
import org.hiehub.api.identity.MasterPatientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PatientConsentTest {

    static final MasterPatientId PATIENT = MasterPatientId.of("mp-1");
    static final String FILE = ConsentCommands.fileOf(PATIENT);
    AggregateTestFixture<PatientConsent> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(PatientConsent.class);
    }

    @Test
    void records_a_directive_withholding_a_category_in_a_new_consent_file() {
        fixture.givenNoPriorActivity()
                .when(new RecordConsentDirective(FILE, PATIENT, "d-1", ConsentProvision.DENY,
                        List.of("mental-health"), List.of(), List.of(), LocalDate.of(2026, 1, 1), null, "po-kim"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(e ->
                        e instanceof ConsentDirectiveRecorded d && d.directiveId().equals("d-1")
                                && d.provision() == ConsentProvision.DENY
                                && d.categories().equals(List.of("mental-health"))
                                && d.recordedBy().equals("po-kim")), andNoMore())));
    }

    @Test
    void refuses_a_directive_that_expires_before_it_takes_effect_and_a_revocation_of_an_unknown_one() {
        fixture.givenNoPriorActivity()
                .when(new RecordConsentDirective(FILE, PATIENT, "d-1", ConsentProvision.DENY, List.of(), List.of(),
                        List.of(), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1), "po-kim"))
                .expectException(ConsentRuleViolation.class);
        fixture.given(directive("d-1"))
                .when(new RevokeConsentDirective(FILE, PATIENT, "d-2", "po-kim", "patient asked"))
                .expectException(ConsentRuleViolation.class);
    }

    @Test
    void revokes_an_active_directive_once() {
        fixture.given(directive("d-1"))
                .when(new RevokeConsentDirective(FILE, PATIENT, "d-1", "po-kim", "patient asked"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(e ->
                        e instanceof ConsentDirectiveRevoked r && r.directiveId().equals("d-1")), andNoMore())));
        fixture.given(directive("d-1"), new ConsentDirectiveRevoked(PATIENT, "d-1", "po-kim", "asked", Instant.now()))
                .when(new RevokeConsentDirective(FILE, PATIENT, "d-1", "po-kim", "again"))
                .expectException(ConsentRuleViolation.class);
    }

    @Test
    void breaking_the_glass_grants_time_limited_access_and_never_more_than_three_days() {
        fixture.givenNoPriorActivity()
                .when(new BreakTheGlass(FILE, PATIENT, "a-1", "dr-grey", "HOSP_A", EmergencyReason.EMERGENCY_TREATMENT,
                        "unconscious", Duration.ofHours(24)))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(e ->
                        e instanceof EmergencyAccessGranted g && g.clinician().equals("dr-grey")
                                && Duration.between(g.grantedAt(), g.expiresAt()).equals(Duration.ofHours(24))),
                        andNoMore())));
        fixture.givenNoPriorActivity()
                .when(new BreakTheGlass(FILE, PATIENT, "a-1", "dr-grey", null, EmergencyReason.OTHER, null,
                        Duration.ofDays(4)))
                .expectException(ConsentRuleViolation.class);
    }

    @Test
    void an_emergency_access_is_reviewed_once() {
        Instant now = Instant.now();
        EmergencyAccessGranted granted = new EmergencyAccessGranted(PATIENT, "a-1", "dr-grey", null,
                EmergencyReason.EMERGENCY_TREATMENT, null, now, now.plus(Duration.ofHours(1)));
        fixture.given(granted)
                .when(new ReviewEmergencyAccess(FILE, PATIENT, "a-1", "po-kim", true, "justified"))
                .expectSuccessfulHandlerExecution();
        fixture.given(granted)
                .when(new ReviewEmergencyAccess(FILE, PATIENT, "a-2", "po-kim", true, null))
                .expectException(ConsentRuleViolation.class);
    }

    private static ConsentDirectiveRecorded directive(String id) {
        return new ConsentDirectiveRecorded(PATIENT, id, ConsentProvision.DENY, List.of(), List.of(), List.of(),
                LocalDate.of(2026, 1, 1), null, "po-kim", Instant.now());
    }
}
