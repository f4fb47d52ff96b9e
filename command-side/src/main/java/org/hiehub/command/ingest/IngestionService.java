package org.hiehub.command.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.MessageRejected;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.api.ingestion.RecordMessage;
import org.hiehub.api.ingestion.UnsupportedContentReceived;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.hiehub.command.ingest.deadletter.DeadLetterStore;
import org.hiehub.command.ingest.quality.QualityScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every entry point (MLLP, HTTP, batch, re-processing) hands its bytes here. Size limit, parse, quality score,
 * then in ONE transaction: the idempotency check, the raw payload, the patients' registration and the message's
 * facts. Only when that transaction has committed does the caller get ACCEPTED, and only then may it
 * acknowledge. Refusals go to the dead-letter store with their reason and raise a {@link MessageRejected} event.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final int ATTEMPTS = 3;
    /** HL7 table 0357: duplicate key identifier. */
    public static final int DUPLICATE_KEY = 205;
    private final Map<MessageFormat, MessageParser> parsers;
    private final QualityScorer quality;
    private final PatientRegistration registration;
    private final RawMessageStore rawMessages;
    private final DeadLetterStore deadLetters;
    private final CommandGateway commands;
    private final EventGateway events;
    private final TransactionTemplate transaction;
    private final IngestionProperties limits;
    private final IngestionMetrics metrics;
    private final IngestionPacing pacing;
    private final SenderPatientIds senderPatientIds;

    public IngestionService(List<MessageParser> parsers, QualityScorer quality, PatientRegistration registration,
                            RawMessageStore rawMessages, DeadLetterStore deadLetters, CommandGateway commands,
                            EventGateway events, TransactionTemplate transaction, IngestionProperties limits,
                            IngestionMetrics metrics, ObjectProvider<IngestionPacing> pacing,
                            SenderPatientIds senderPatientIds) {
        this.parsers = parsers.stream().collect(Collectors.toMap(MessageParser::format, Function.identity()));
        this.quality = quality;
        this.registration = registration;
        this.rawMessages = rawMessages;
        this.deadLetters = deadLetters;
        this.commands = commands;
        this.events = events;
        this.transaction = transaction;
        this.limits = limits;
        this.metrics = metrics;
        this.pacing = pacing.getIfAvailable(() -> IngestionPacing.NONE);
        this.senderPatientIds = senderPatientIds;
    }

    /** The time a message is held back by {@link IngestionPacing} is not part of its ingestion timing. */
    public IngestOutcome ingest(InboundMessage message) {
        pacing.awaitViews();
        long started = System.nanoTime();
        IngestOutcome outcome = ingestTimed(message);
        metrics.record(message, outcome, java.time.Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    private IngestOutcome ingestTimed(InboundMessage message) {
        String contentHash = contentHash(message.payload());
        long limit = limits.limitFor(message.format());
        if (message.payload().length > limit) {
            // the entry points stop reading just past the limit: the length is what was read, not the whole
            return reject(message, null, contentHash, RejectedInput.invalid("message exceeds the limit of " + limit
                    + " bytes (" + message.payload().length + " bytes read)", null, 100), null);
        }
        Optional<IngestOutcome> cut = receivedInParts(message, contentHash);
        if (cut.isPresent()) {
            return cut.get(); // known for good once cut: no need to parse it (again) to find out
        }
        MessageParser parser = parsers.get(message.format());
        if (parser == null) {
            return reject(message, null, contentHash,
                    RejectedInput.unparseable("no parser for format " + message.format()), null);
        }
        ParsedMessage parsed;
        try {
            parsed = parser.parse(message);
        } catch (RejectedInput e) {
            return reject(message, null, contentHash, e, null);
        } catch (DataAccessException | TransactionException e) {
            throw e; // the database (a parser looks up held records), not the message: the sender tries again
        } catch (RuntimeException e) {
            // a parser's own defect on input it should have refused or read: the message is kept as a dead letter
            // to reprocess once the parser is fixed, never answered with a server error or retried for ever
            log.warn("The {} parser failed on a message ({}); it is kept as a dead letter", message.format(),
                    e.getClass().getSimpleName());
            return reject(message, null, contentHash, RejectedInput.unparseable("the message could not be read ("
                    + e.getClass().getSimpleName() + "); it is kept to be processed again"), null);
        }
        Optional<RejectedInput> oversized = DemographicLimits.check(parsed, message.format());
        if (oversized.isPresent()) {
            return reject(message, parsed, contentHash, oversized.get(), null);
        }
        QualityAssessment assessment = quality.assess(parsed, message.receivedAt());
        if (QualityScorer.REJECT.equals(assessment.band())) {
            Optional<IngestOutcome> resent = storedBefore(message, parsed, contentHash);
            if (resent.isPresent()) {
                // scored when it came: timeliness falls as a message ages, and a re-send is answered as before
                return resent.get();
            }
            return reject(message, parsed, contentHash, RejectedInput.invalid("data quality score "
                    + assessment.score() + " is below the acceptance threshold: "
                    + String.join("; ", assessment.findings()), null, 207), assessment);
        }
        try {
            return store(message, parsed, contentHash, assessment);
        } catch (RefusedInTransaction e) {
            return reject(message, parsed, contentHash, e.refusal(), assessment);
        } catch (PatientRegistration.ErasedAfterReceipt e) {
            // part of what the erasure covered: not kept, not even as a dead letter
            log.info("Refused a {} message on {} received before its patient's erasure; not kept", message.format(),
                    message.channel());
            return IngestOutcome.erased(e.getMessage(), assessment);
        } catch (RuntimeException e) {
            log.error("Ingestion of a {} message failed after parsing ({}); parked as dead letter",
                    message.format(), e.getClass().getName(), e);
            return reject(message, parsed, contentHash, RejectedInput.invalid("the hub could not store the message ("
                    + e.getClass().getSimpleName() + "); it was not accepted and may be re-processed", null, 207),
                    assessment);
        }
    }

    /**
     * Stores the message, again (at most {@value #ATTEMPTS} times in all) when its transaction lost a race on an
     * aggregate's event sequence — another process, or a stale cached aggregate, appended first. The retry re-reads
     * everything, so it also finds a duplicate that won the race.
     */
    private IngestOutcome store(InboundMessage message, ParsedMessage parsed, String contentHash,
                                QualityAssessment assessment) {
        for (int attempt = 1; ; attempt++) {
            try {
                return storeOnce(message, parsed, contentHash, assessment);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostSequenceRace(e)) {
                    throw e;
                }
                log.info("A {} message lost a race on an aggregate's event sequence; retrying (attempt {})",
                        message.format(), attempt + 1);
            }
        }
    }

    static boolean lostSequenceRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private IngestOutcome storeOnce(InboundMessage message, ParsedMessage parsed, String contentHash,
                                    QualityAssessment assessment) {
        String key = messageKey(parsed, contentHash);
        return transaction.execute(status -> {
            rawMessages.lock(key, contentHash);
            var earlier = rawMessages.storedAs(key, contentHash);
            if (earlier.isPresent()) {
                // HL7 (MSH-10) and the hub's key promise one message per control id; with the payload erased there
                // is nothing to compare, and storing it again would write the erased person back
                if (!earlier.get().erased() && !sentBefore(message, contentHash, earlier.get())) {
                    throw new ControlIdReused(earlier.get(), parsers.get(message.format()).controlIdLocation());
                }
                return IngestOutcome.duplicate(earlier.get().messageKey());
            }
            Optional<IngestOutcome> cut = receivedInParts(message, contentHash);
            if (cut.isPresent()) {
                return cut.get(); // a batch cut these bytes while this message was being parsed
            }
            List<SourceRecordId> subjects = new ArrayList<>();
            List<ClinicalEvent> facts = new ArrayList<>();
            List<PatientRegistration.Pending> carried = new ArrayList<>();
            boolean oneCommand = carriesRegistration(parsed);
            for (ParsedMessage.PatientPart patient : parsed.patients()) {
                PatientRegistration.Pending pending = patient.factsOnly()
                        ? registration.knownInTransaction(patient.assigningAuthority(), patient.localId(),
                                message.receivedAt()).orElseThrow(RecordGone::new)
                        : registration.prepareInTransaction(patient.assigningAuthority(), patient.localId(),
                                patient.demographics(), patient.identifiesOnly(), message.receivedAt());
                if (patient.senderPatientId() != null) {
                    senderPatientIds.remember(patient.assigningAuthority(), patient.senderPatientId(),
                            patient.localId(), pending.registration().sourceRecordId());
                }
                if (oneCommand) {
                    carried.add(pending);
                } else {
                    registration.send(pending);
                }
                SourceRecordId record = pending.registration().sourceRecordId();
                subjects.add(record);
                for (ParsedMessage.FactDraft draft : patient.facts()) {
                    facts.add(draft.bind(record, key, key + "/" + facts.size()));
                }
            }
            registration.applySourceMerges(parsed.merges());
            MessageAccepted accepted = new MessageAccepted(MessageKey.of(key), message.channel(),
                    parsed.sourceSystem(), message.format(), parsed.messageType(), parsed.controlId(), contentHash,
                    message.receivedAt(), facts.size(), assessment);
            List<UnsupportedContentReceived> unsupported = parsed.unsupported().stream()
                    .map(u -> new UnsupportedContentReceived(MessageKey.of(key), u.contentType(), u.count(), u.note()))
                    .toList();
            rawMessages.store(key, message, parsed, contentHash, subjects);
            commands.sendAndWait(new RecordMessage(MessageKey.of(key), accepted, facts, unsupported,
                    carried.stream().map(PatientRegistration.Pending::command).filter(Objects::nonNull).toList()));
            carried.forEach(registration::registered);
            return IngestOutcome.accepted(key, facts.size(), assessment);
        });
    }

    /**
     * An NDJSON body that a background batch ingested in parts ({@link RawMessageStore#cutBefore}): its facts are
     * stored under the parts' keys, and storing it whole as well would record each of them twice. The batch decides
     * whether to cut a body under the lock this transaction holds on its bytes (see {@code BatchWorker}).
     */
    private Optional<IngestOutcome> receivedInParts(InboundMessage message, String contentHash) {
        if (message.format() != MessageFormat.FHIR_NDJSON) {
            return Optional.empty();
        }
        return rawMessages.cutBefore(contentHash).map(IngestOutcome::receivedInParts);
    }

    /** The same bytes, or the same message as the format judges a re-send (e.g. HL7 with a new MSH-7). */
    private boolean sentBefore(InboundMessage message, String contentHash, RawMessageStore.StoredMessage earlier) {
        if (earlier.contentHash().equals(contentHash)) {
            return true;
        }
        return rawMessages.payload(earlier.messageKey())
                .map(payload -> parsers.get(message.format()).sameMessage(payload, message.payload()))
                .orElse(false);
    }

    /**
     * A refusal found inside the storing transaction: it rolls the transaction back and the message goes to the
     * dead letters with {@code refusal} as its reason.
     */
    private abstract static class RefusedInTransaction extends RuntimeException {
        private final transient RejectedInput refusal;

        RefusedInTransaction(RejectedInput refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }

        RejectedInput refusal() {
            return refusal;
        }
    }

    /**
     * Another message under a sender and control id the hub already holds a message for. Acknowledging it as a
     * re-send would drop it unseen (a sender whose counter started again after a reinstall would lose every
     * message until it passed its old numbers); storing it as new would break the key's promise that a re-send
     * writes nothing twice. So it is refused, and kept as a dead letter: re-sent with a new control id, or
     * re-processed with a corrected payload, it goes in.
     */
    private static final class ControlIdReused extends RefusedInTransaction {
        ControlIdReused(RawMessageStore.StoredMessage earlier, String location) {
            super(new RejectedInput("the sender already used this message control id for a different message, "
                    + "received " + earlier.receivedAt() + "; not stored: send it with a new control id",
                    location, DUPLICATE_KEY, true));
        }
    }

    /** Facts for a patient of an earlier message whose record the hub no longer holds (erased since). */
    private static final class RecordGone extends RefusedInTransaction {
        RecordGone() {
            super(RejectedInput.invalid("the patient these facts refer to is no longer held by the hub (erased "
                    + "since it was sent); send the Patient again with them", null, IngestOutcome.ERASED_PATIENT));
        }
    }

    /**
     * A message about one patient and no merge registers a new record inside its own command: one command per
     * message. With several patients each registration goes out at once, so that the next one's matching and a
     * merge's lookups see it in the identity index (which the registration's events update as they are published).
     */
    private static boolean carriesRegistration(ParsedMessage parsed) {
        return parsed.patients().size() == 1 && parsed.merges().isEmpty();
    }

    private IngestOutcome reject(InboundMessage message, ParsedMessage parsed, String contentHash, RejectedInput cause,
                                 QualityAssessment assessment) {
        String sourceSystem = parsed == null ? null : parsed.sourceSystem();
        String messageType = parsed == null ? null : parsed.messageType();
        String id = transaction.execute(status -> {
            String deadLetterId = deadLetters.store(message, sourceSystem, messageType, contentHash,
                    cause.getMessage(), cause.location(), cause.code());
            events.publish(new MessageRejected(deadLetterId, message.channel(), sourceSystem, message.format(),
                    messageType, contentHash, message.receivedAt(), cause.getMessage(), cause.location(), assessment));
            return deadLetterId;
        });
        log.info("Rejected a {} message on {} to dead letter {}: {}", message.format(), message.channel(), id,
                cause.getMessage());
        return IngestOutcome.rejected(id, cause, assessment);
    }

    /**
     * The message as stored before, if it was: read without the lock, for a message about to be refused on its
     * score — the locked check in {@link #storeOnce} decides for any message that is stored.
     */
    private Optional<IngestOutcome> storedBefore(InboundMessage message, ParsedMessage parsed, String contentHash) {
        return rawMessages.storedAs(messageKey(parsed, contentHash), contentHash)
                .filter(earlier -> earlier.erased() || sentBefore(message, contentHash, earlier))
                .map(earlier -> IngestOutcome.duplicate(earlier.messageKey()));
    }

    /** Same sender + control id gives the same key; without a control id the content decides. */
    static String messageKey(ParsedMessage parsed, String contentHash) {
        if (parsed.controlId() != null && !parsed.controlId().isBlank()) {
            return "m-" + sha256((parsed.sourceSystem() + '\u001f' + parsed.controlId())
                    .getBytes(StandardCharsets.UTF_8)).substring(0, 40);
        }
        return "h-" + contentHash.substring(0, 40);
    }

    /** The hash a message's bytes are known by (lower-case hex SHA-256). */
    public static String contentHash(byte[] payload) {
        return sha256(payload);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
