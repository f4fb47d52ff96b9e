package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.MessageParser;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * HL7 v2 (ER7, versions 2.3 to 2.8) → {@link ParsedMessage}. The header is read by hand first, so the message
 * type decides the structure rather than MSH-9-3 (a 2.8 "ADT^A04^ADT_A04" has no v2.5.1 class of that name and
 * would come back as an untyped message); then HAPI fills that v2.5.1 structure and a mapper per event reads it.
 * Times without an offset are read in the sender's zone ({@link Hl7TimeZones}).
 */
@Component
public class Hl7v2Parser implements MessageParser, DisposableBean {

    /** Statements of the patient's demographics; A01 and A04 also start the visit of their PV1. */
    private static final Set<String> ADMIT_OR_UPDATE = Set.of("A01", "A04", "A08", "A28", "A31");
    /**
     * Visit events whose PID is the sender's current statement of the patient, taken as an A08's. The hub records
     * admissions, discharges and transfers: a transfer (A02) or its cancellation (A12) naming its visit is a fact
     * too; every other one (and those naming no visit) is kept in the raw payload with a note. Cancellations of an
     * admission or a discharge (A11, A13) are not among them: they are facts of their own.
     */
    private static final Map<String, String> VISIT_EVENTS = Map.ofEntries(Map.entry("A02", "transfer"),
            Map.entry("A05", "pre-admission"), Map.entry("A06", "change from outpatient to inpatient"),
            Map.entry("A07", "change from inpatient to outpatient"), Map.entry("A09", "patient departing"),
            Map.entry("A10", "patient arriving"), Map.entry("A12", "cancelled transfer"),
            Map.entry("A14", "pending admission"), Map.entry("A15", "pending transfer"),
            Map.entry("A16", "pending discharge"), Map.entry("A21", "leave of absence"),
            Map.entry("A22", "return from leave of absence"), Map.entry("A25", "cancelled pending discharge"),
            Map.entry("A26", "cancelled pending transfer"), Map.entry("A27", "cancelled pending admission"),
            Map.entry("A32", "cancelled patient arriving"), Map.entry("A33", "cancelled patient departing"),
            Map.entry("A38", "cancelled pre-admission"));
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "hl7v2-parser-context");
        thread.setDaemon(true);
        return thread;
    });
    private final HapiContext context = Hl7Contexts.canonical(executor);
    private final Hl7TimeZones timeZones;

    /** Every sender's times without an offset read as UTC (tests, tools). */
    public Hl7v2Parser() {
        this(Hl7TimeZones.UTC);
    }

    @Autowired
    public Hl7v2Parser(Hl7TimeZones timeZones) {
        this.timeZones = timeZones;
    }

    @Override
    public MessageFormat format() {
        return MessageFormat.HL7V2;
    }

    @Override
    public String controlIdLocation() {
        return "MSH-10";
    }

    /** A re-send may carry a new MSH-7 (the time the copy was made); the rest must be the same, segment by segment. */
    @Override
    public boolean sameMessage(byte[] earlier, byte[] now) {
        return Hl7Text.sameMessage(Hl7Text.decode(earlier), Hl7Text.decode(now));
    }

    @Override
    public ParsedMessage parse(InboundMessage message) throws RejectedInput {
        String text = Hl7Text.normalise(Hl7Text.decode(message.payload()));
        MshHeader header = MshHeader.of(text).orElseThrow(() -> RejectedInput.unparseable(
                "not an HL7 v2 message: it does not start with a readable MSH segment"));
        checkEncodingCharacters(header);
        checkVersion(header.version());
        if (header.messageCode() == null) {
            throw new RejectedInput("MSH-9 message type is missing", "MSH-9", 101, true);
        }
        if (header.controlId() == null || header.controlId().isBlank()) {
            // required: without it the sender cannot match the ACK to its message, nor the hub a re-send to it
            throw new RejectedInput("MSH-10 message control id is missing", "MSH-10", 101, true);
        }
        String fallbackAuthority = header.sendingFacility() != null ? header.sendingFacility()
                : header.sendingApplication();
        try (Hl7Dates.SenderZone ignored = Hl7Dates.readingIn(timeZones.of(header))) {
            return map(text, header, fallbackAuthority);
        } catch (HL7Exception e) {
            throw Hl7Errors.rejected(e);
        } catch (RuntimeException e) {
            // HAPI throws unchecked exceptions on some malformed input; the message, not the hub, is at fault
            throw new RejectedInput("the message could not be read (" + e.getClass().getSimpleName() + ")", null,
                    102, true);
        }
    }

    /**
     * MSH-2: four delimiters (component, repetition, escape, subcomponent; 2.7 added a fifth, truncation), each a
     * different character and none the field separator, a letter, a digit or a space. Anything else would be read
     * into other values: {@code MSH|^^^^} made "1^^^GHH^MR" in PID-3 three identifiers.
     */
    private static void checkEncodingCharacters(MshHeader header) throws RejectedInput {
        String characters = header.encodingCharacters();
        boolean valid = characters.length() >= 4 && characters.length() <= 5
                && characters.chars().distinct().count() == characters.length()
                && characters.indexOf(header.fieldSeparator()) < 0
                && characters.chars().noneMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c));
        if (!valid) {
            throw new RejectedInput("MSH-2 encoding characters must be four (or five) different delimiters, none "
                    + "a letter, digit, space or the field separator, e.g. ^~\\&", "MSH-2", 102, true);
        }
    }

    private ParsedMessage map(String text, MshHeader header, String fallbackAuthority)
            throws HL7Exception, RejectedInput {
        String code = header.messageCode();
        String trigger = header.triggerEvent() == null ? "" : header.triggerEvent();
        if ("ADT".equals(code) && (ADMIT_OR_UPDATE.contains(trigger) || VISIT_EVENTS.containsKey(trigger))) {
            ADT_A01 adt = parseInto(new ADT_A01(context.getModelClassFactory()), text);
            Optional<ParsedMessage.FactDraft> movement = AdtMapper.movement(adt, trigger);
            return parsed(header, List.of(AdtMapper.admitOrUpdate(adt, trigger, movement, fallbackAuthority)),
                    List.of(), movement.isPresent() ? List.of() : unmappedVisitEvent(trigger));
        }
        if ("ADT".equals(code) && "A11".equals(trigger)) {
            ADT_A09 adt = parseInto(new ADT_A09(context.getModelClassFactory()), text);
            return parsed(header, List.of(AdtMapper.cancellation(adt.getPID(), adt.getPV1(), adt.getEVN(), false,
                    fallbackAuthority)), List.of());
        }
        if ("ADT".equals(code) && "A13".equals(trigger)) {
            ADT_A01 adt = parseInto(new ADT_A01(context.getModelClassFactory()), text);
            return parsed(header, List.of(AdtMapper.cancellation(adt.getPID(), adt.getPV1(), adt.getEVN(), true,
                    fallbackAuthority)), List.of());
        }
        if ("ADT".equals(code) && "A03".equals(trigger)) {
            ADT_A03 adt = parseInto(new ADT_A03(context.getModelClassFactory()), text);
            return parsed(header, List.of(AdtMapper.discharge(adt, fallbackAuthority)), List.of());
        }
        if ("ADT".equals(code) && "A40".equals(trigger)) {
            ADT_A39 adt = parseInto(new ADT_A39(context.getModelClassFactory()), text);
            MergeMapper.Merges merges = MergeMapper.map(adt, fallbackAuthority);
            return parsed(header, merges.survivors(), merges.merges());
        }
        if ("ORU".equals(code) && "R01".equals(trigger)) {
            ORU_R01 oru = parseInto(new ORU_R01(context.getModelClassFactory()), text);
            return parsed(header, OruMapper.map(oru, fallbackAuthority), List.of());
        }
        if ("VXU".equals(code) && "V04".equals(trigger)) {
            VXU_V04 vxu = parseInto(new VXU_V04(context.getModelClassFactory()), text);
            return parsed(header, List.of(VxuMapper.map(vxu, fallbackAuthority)), List.of());
        }
        throw new RejectedInput("unsupported message type " + header.messageType()
                + " (the hub accepts ADT^A01/A02/A03/A04/A08/A11/A12/A13/A28/A31/A40, the PID of other visit events, "
                + "ORU^R01 and VXU^V04)", "MSH-9", 200, true);
    }

    private <T extends Message> T parseInto(T message, String text) throws HL7Exception {
        var parser = context.getPipeParser();
        message.setParser(parser);
        parser.parse(message, text);
        return message;
    }

    private static ParsedMessage parsed(MshHeader header, List<ParsedMessage.PatientPart> patients,
                                        List<ParsedMessage.SourceMerge> merges) {
        return parsed(header, patients, merges, List.of());
    }

    private static ParsedMessage parsed(MshHeader header, List<ParsedMessage.PatientPart> patients,
                                        List<ParsedMessage.SourceMerge> merges,
                                        List<ParsedMessage.Unsupported> unsupported) {
        return new ParsedMessage(header.sourceSystem(), header.messageType(), header.controlId(), header.version(),
                patients, merges, unsupported);
    }

    /** The note that a visit event's own content was kept, not mapped; none for the triggers the hub maps. */
    private static List<ParsedMessage.Unsupported> unmappedVisitEvent(String trigger) {
        String kind = VISIT_EVENTS.get(trigger);
        if (kind == null) {
            return List.of();
        }
        String event = "ADT^" + trigger + " (" + kind + ")";
        return List.of(new ParsedMessage.Unsupported(event, 1, event + ": the patient's demographics were taken; the "
                + "visit event is kept in the raw payload, not mapped (the hub records admissions, discharges and "
                + "transfers of a numbered visit)"));
    }

    /** 2.3 up to 2.8.x, the versions whose fields the v2.5.1 structures read correctly. */
    static void checkVersion(String version) throws RejectedInput {
        if (version == null) {
            throw new RejectedInput("MSH-12 version is missing", "MSH-12", 101, true);
        }
        if (!version.matches("2\\.[3-8](\\.\\d+)?")) {
            throw new RejectedInput("HL7 version " + version.replaceAll("[^0-9.]", "")
                    + " is not supported (2.3 to 2.8)", "MSH-12", 203, true);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
