package org.hiehub.command.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.consent.BreakTheGlass;
import org.hiehub.api.consent.ConsentCommands;
import org.hiehub.api.consent.ConsentDirectiveRecorded;
import org.hiehub.api.consent.ConsentDirectiveRevoked;
import org.hiehub.api.consent.EmergencyAccessGranted;
import org.hiehub.api.consent.EmergencyAccessReviewed;
import org.hiehub.api.consent.RecordConsentDirective;
import org.hiehub.api.consent.ReviewEmergencyAccess;
import org.hiehub.api.consent.RevokeConsentDirective;

/**
 * A master patient's consent file: the directives they gave (and withdrew), and every break-the-glass override
 * of them with its review. Opened by its first command.
 */
@Aggregate
public class PatientConsent {

    /** Break-the-glass is for an emergency, not a standing grant. */
    static final Duration LONGEST_EMERGENCY_ACCESS = Duration.ofHours(72);

    @AggregateIdentifier
    private String consentFile;
    private final Set<String> activeDirectives = new HashSet<>();
    private final Set<String> revokedDirectives = new HashSet<>();
    private final Set<String> openAccesses = new HashSet<>();
    private final Set<String> reviewedAccesses = new HashSet<>();

    protected PatientConsent() {
        // required by Axon to rebuild from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordConsentDirective command) {
        consentFile = command.consentFile();
        if (activeDirectives.contains(command.directiveId()) || revokedDirectives.contains(command.directiveId())) {
            throw ConsentRuleViolation.duplicateDirective(command.directiveId());
        }
        if (command.expires() != null && command.effective() != null
                && !command.expires().isAfter(command.effective())) {
            throw ConsentRuleViolation.expiresBeforeEffective();
        }
        apply(new ConsentDirectiveRecorded(command.masterPatientId(), command.directiveId(), command.provision(),
                command.categories(), command.organizations(), command.purposes(), command.effective(),
                command.expires(), command.recordedBy(), Instant.now()));
    }

    @CommandHandler
    public void handle(RevokeConsentDirective command) {
        if (!activeDirectives.contains(command.directiveId())) {
            throw ConsentRuleViolation.noActiveDirective(command.directiveId());
        }
        apply(new ConsentDirectiveRevoked(command.masterPatientId(), command.directiveId(), command.revokedBy(),
                command.reason(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BreakTheGlass command) {
        consentFile = command.consentFile();
        if (command.duration().isNegative() || command.duration().isZero()
                || command.duration().compareTo(LONGEST_EMERGENCY_ACCESS) > 0) {
            throw ConsentRuleViolation.emergencyAccessTooLong(LONGEST_EMERGENCY_ACCESS);
        }
        Instant now = Instant.now();
        apply(new EmergencyAccessGranted(command.masterPatientId(), command.accessId(), command.clinician(),
                command.organization(), command.reason(), command.note(), now, now.plus(command.duration())));
    }

    @CommandHandler
    public void handle(ReviewEmergencyAccess command) {
        if (!openAccesses.contains(command.accessId())) {
            throw reviewedAccesses.contains(command.accessId())
                    ? ConsentRuleViolation.alreadyReviewed(command.accessId())
                    : ConsentRuleViolation.noSuchAccess(command.accessId());
        }
        apply(new EmergencyAccessReviewed(command.masterPatientId(), command.accessId(), command.reviewer(),
                command.justified(), command.comment(), Instant.now()));
    }

    @EventSourcingHandler
    void on(ConsentDirectiveRecorded event) {
        consentFile = ConsentCommands.fileOf(event.masterPatientId());
        activeDirectives.add(event.directiveId());
    }

    @EventSourcingHandler
    void on(ConsentDirectiveRevoked event) {
        activeDirectives.remove(event.directiveId());
        revokedDirectives.add(event.directiveId());
    }

    @EventSourcingHandler
    void on(EmergencyAccessGranted event) {
        consentFile = ConsentCommands.fileOf(event.masterPatientId());
        openAccesses.add(event.accessId());
    }

    @EventSourcingHandler
    void on(EmergencyAccessReviewed event) {
        openAccesses.remove(event.accessId());
        reviewedAccesses.add(event.accessId());
    }
}
