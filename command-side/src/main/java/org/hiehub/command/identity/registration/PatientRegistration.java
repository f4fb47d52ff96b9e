package org.hiehub.command.identity.registration;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.DecidedLink;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.LinkAsDecided;
import org.hiehub.api.identity.LinkIdentifier;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MatchDecision;
import org.hiehub.api.identity.RecordSourceMerge;
import org.hiehub.api.identity.RegisterSourceRecord;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.UnlinkIdentifier;
import org.hiehub.api.identity.UpdateDemographics;
import org.hiehub.command.identity.index.BlockingKeys;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.index.Pseudonyms;
import org.hiehub.command.identity.index.StewardDecisions;
import org.hiehub.command.identity.matching.MatchOutcome;
import org.hiehub.command.identity.matching.MatchOutcome.Evidence;
import org.hiehub.command.identity.matching.PatientMatcher;
import org.hiehub.command.ingest.ParsedMessage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers what a source says about a patient and makes sure the record belongs to a master patient.
 * The commands of one registration share one database transaction (Axon's units of work join it), so a
 * registration is stored whole or not at all; the identity index is locked on the record's blocking keys so
 * that concurrent registrations of the same person are serialised.
 */
@Service
public class PatientRegistration {

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final Pseudonyms pseudonyms;
    private final BlockingKeys blockingKeys;
    private final IdentityIndex index;
    private final PatientMatcher matcher;
    private final EventPositions positions;
    private final StewardDecisions stewardDecisions;
    private final DemographicsFingerprints fingerprints;
    private final MeterRegistry meters;

    public PatientRegistration(CommandGateway commands, TransactionTemplate transaction, Pseudonyms pseudonyms,
                               BlockingKeys blockingKeys, IdentityIndex index, PatientMatcher matcher,
                               EventPositions positions, StewardDecisions stewardDecisions,
                               DemographicsFingerprints fingerprints, MeterRegistry meters) {
        this.commands = commands;
        this.transaction = transaction;
        this.pseudonyms = pseudonyms;
        this.blockingKeys = blockingKeys;
        this.index = index;
        this.matcher = matcher;
        this.positions = positions;
        this.stewardDecisions = stewardDecisions;
        this.fingerprints = fingerprints;
        this.meters = meters;
    }

    /**
     * The record a source's patient is filed under: the pseudonym of the source and its id for them, or, when that
     * person was erased and the source sends them again (a new visit), a new record — the erased one's successor,
     * a new data subject that shares nothing with what was erased.
     */
    public SourceRecordId sourceRecordId(String sourceSystem, String localId) {
        return current(pseudonyms.sourceRecordId(sourceSystem, localId), null);
    }

    /**
     * The record's latest successor. An erasure covers what the hub had received of the person before it, processed
     * or not (a queued batch): a message {@code receivedAt} (null: now) before one of the erasures on the way is
     * refused.
     */
    private SourceRecordId current(SourceRecordId record, Instant receivedAt) {
        SourceRecordId current = record;
        for (Optional<Instant> erased = index.erasedAt(current); erased.isPresent();
             erased = index.erasedAt(current)) {
            if (receivedAt != null && receivedAt.isBefore(erased.get())) {
                throw new ErasedAfterReceipt();
            }
            current = pseudonyms.successor(current);
        }
        return current;
    }

    /**
     * The record and what the hub holds of it. A record the hub holds was not erased (erasure removes it from the
     * index), so only a record it does not hold costs a look at the erased records.
     */
    private Held held(SourceRecordId first, Instant receivedAt) {
        Optional<DemographicsFingerprints.Known> known = fingerprints.known(first);
        if (known.isPresent()) {
            return new Held(first, known);
        }
        SourceRecordId current = current(first, receivedAt);
        return new Held(current, current.equals(first) ? known : fingerprints.known(current));
    }

    private record Held(SourceRecordId record, Optional<DemographicsFingerprints.Known> known) {
    }

    /** A message about a person erased after the hub received it: the erasure covers it, it must not be stored. */
    public static final class ErasedAfterReceipt extends RuntimeException {
        ErasedAfterReceipt() {
            super("the patient of this message was erased after the hub received it; it is not stored", null, false,
                    false);
        }
    }

    public Registration register(String sourceSystem, String localId, Demographics demographics) {
        return withPosition(transaction.execute(status -> registerInTransaction(sourceSystem, localId, demographics,
                false)));
    }

    /**
     * Registration inside the caller's transaction (ingestion stores a whole message in one); the position is
     * left at 0 for the caller to take after its commit. {@code identifiesOnly}: the demographics come with a result
     * and only identify the patient, so when they state nothing the hub does not already hold they are no update.
     */
    public Registration registerInTransaction(String sourceSystem, String localId, Demographics demographics,
                                              boolean identifiesOnly) {
        Pending pending = prepareInTransaction(sourceSystem, localId, demographics, identifiesOnly, null);
        send(pending);
        return pending.registration();
    }

    /** Sends a pending registration's command on its own, if it has one, and confirms it. */
    public void send(Pending pending) {
        if (pending.command() != null) {
            commands.sendAndWait(pending.command());
            registered(pending);
        }
    }

    /**
     * As {@link #registerInTransaction}, except that a new record's registration is handed back unsent, for the
     * caller to send inside its own command (a message's {@code RecordMessage}: one command per message) and then
     * confirm with {@link #registered}, or to {@link #send} on its own. Changes to records the hub already holds are
     * sent at once. {@code receivedAt}: when the hub received the message (null: now); a message about a person
     * erased since is refused with {@link ErasedAfterReceipt}.
     */
    public Pending prepareInTransaction(String sourceSystem, String localId, Demographics demographics,
                                        boolean identifiesOnly, Instant receivedAt) {
        // the first pseudonym, shared by every successor of an erased record: registrations of one id serialise
        SourceRecordId first = pseudonyms.sourceRecordId(sourceSystem, localId);
        index.lock(first, blockingKeys.of(demographics));
        Held held = held(first, receivedAt);
        SourceRecordId record = held.record();
        Optional<DemographicsFingerprints.Known> known = held.known();
        if (known.isEmpty()) {
            DecidedLink link = decide(record, demographics);
            return new Pending(new Registration(record, link.masterPatientId(), true, 0),
                    new RegisterSourceRecord(record, sourceSystem, localId, demographics, link));
        }
        if (!fingerprints.addsNothing(known.get().remembered(), demographics, identifiesOnly)) {
            commands.sendAndWait(new UpdateDemographics(record, demographics));
            fingerprints.remember(record, demographics);
        }
        MasterPatientId patient = known.get().masterPatient().orElseGet(() -> {
            DecidedLink link = decide(record, demographics); // a steward unlinked it: the MPI decides again
            commands.sendAndWait(new LinkAsDecided(record, link));
            counted(link);
            return link.masterPatientId();
        });
        return new Pending(new Registration(record, patient, false, 0), null);
    }

    /**
     * A record the hub already holds, for a message that adds facts to it and says nothing of the patient
     * (NDJSON lines referring to a Patient of an earlier file); empty when the hub holds no such record (any more).
     */
    public Optional<Pending> knownInTransaction(String sourceSystem, String localId, Instant receivedAt) {
        Held held = held(pseudonyms.sourceRecordId(sourceSystem, localId), receivedAt);
        return held.known().map(known -> new Pending(new Registration(held.record(),
                known.masterPatient().orElse(null), false, 0), null));
    }

    /** The command that carried a pending registration has gone through (in the caller's transaction). */
    public void registered(Pending pending) {
        RegisterSourceRecord command = pending.command();
        if (command != null) {
            counted(command.link());
            fingerprints.remember(command.sourceRecordId(), command.demographics());
        }
    }

    /** A registration decided in full; {@code command} is the new record's registration still to be sent, or null. */
    public record Pending(Registration registration, RegisterSourceRecord command) {
    }

    /** Links a record to the given master patient, or to a new one when none is given. */
    public Registration link(SourceRecordId record, Optional<MasterPatientId> target, int confidence,
                             LinkMethod method) {
        Registration registration = transaction.execute(status -> {
            MasterPatientId patient = target.map(stewardDecisions::current).orElseGet(() -> createPatient(record));
            commands.sendAndWait(new LinkIdentifier(record, patient, confidence, method));
            return new Registration(record, patient, target.isEmpty(), 0);
        });
        return withPosition(registration);
    }

    public long unlink(SourceRecordId record, String reason) {
        commands.sendAndWait(new UnlinkIdentifier(record, reason));
        return positions.head();
    }

    /**
     * HL7 ADT^A40: the source merged two of its records. Records the fact on the surviving record and moves the
     * retired record (if the hub knows it) to the surviving record's master patient. Joins the caller's transaction.
     */
    public void applySourceMerges(List<ParsedMessage.SourceMerge> merges) {
        for (ParsedMessage.SourceMerge merge : merges) {
            SourceRecordId surviving = sourceRecordId(merge.assigningAuthority(), merge.survivingLocalId());
            SourceRecordId retired = sourceRecordId(merge.assigningAuthority(), merge.retiredLocalId());
            commands.sendAndWait(new RecordSourceMerge(surviving, retired));
            Optional<MasterPatientId> target = index.masterPatientOf(surviving);
            Optional<MasterPatientId> current = index.masterPatientOf(retired);
            if (target.isPresent() && current.isPresent() && !target.equals(current)) {
                commands.sendAndWait(new UnlinkIdentifier(retired, "merged by source into another record"));
                commands.sendAndWait(new LinkIdentifier(retired, target.get(), 100, LinkMethod.SOURCE_MERGE));
            }
        }
    }

    /**
     * Asks the matcher and honours steward decisions (a rejected pair is never linked automatically): the master
     * patient the record joins, or a new one to be founded by it, with the decision and its evidence. Matching needs
     * only the demographics, so a new record is decided before it is registered and registration, link, decision and
     * a founded patient are one command; the founded patient's {@code PatientCreated} precedes its founding record's
     * {@code SourceRecordRegistered} in the log (older logs have them the other way round; the projections take
     * either order).
     */
    private DecidedLink decide(SourceRecordId record, Demographics demographics) {
        MatchOutcome outcome = matcher.match(record, demographics);
        if (outcome instanceof MatchOutcome.LinkTo link) {
            MasterPatientId target = stewardDecisions.current(link.masterPatientId());
            if (!stewardDecisions.isRejected(record, target)) {
                return decided(target, link.confidence(), link.method(), link.evidence(),
                        isReview(link.evidence()) ? "LINKED_FOR_REVIEW" : "LINKED");
            }
        }
        MasterPatientId patient = MasterPatientId.random(); // founded by the record's own command (DecidedLink)
        Evidence evidence = outcome.evidence();
        boolean suggest = evidence != null && "SUGGEST".equals(evidence.tier())
                && !stewardDecisions.isRejected(record, evidence.candidatePatient());
        return decided(patient, 100, LinkMethod.NEW_PATIENT, evidence, suggest ? "SUGGESTED" : "NEW_PATIENT");
    }

    private static boolean isReview(Evidence evidence) {
        return evidence != null && "REVIEW".equals(evidence.tier());
    }

    private static DecidedLink decided(MasterPatientId patient, int confidence, LinkMethod method, Evidence evidence,
                                       String outcome) {
        MatchDecision decision = evidence == null ? MatchDecision.noMatch(outcome)
                : new MatchDecision(evidence.candidatePatient(), evidence.candidateRecord(), evidence.confidence(),
                        evidence.tier(), outcome, evidence.comparisons());
        return new DecidedLink(patient, confidence, method, decision);
    }

    /** Counted once the command that records the decision has gone through. */
    private void counted(DecidedLink link) {
        meters.counter("hub.mpi.decisions", "tier", link.decision().tier(), "outcome", link.decision().outcome())
                .increment();
    }

    private MasterPatientId createPatient(SourceRecordId foundingRecord) {
        MasterPatientId patient = MasterPatientId.random();
        commands.sendAndWait(new CreatePatient(patient, foundingRecord));
        return patient;
    }

    private Registration withPosition(Registration registration) {
        return new Registration(registration.sourceRecordId(), registration.masterPatientId(),
                registration.created(), positions.head());
    }
}
