package org.hiehub.command.ingest.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.RejectedInput;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the resources of one message (Bundle entries or NDJSON lines) into a {@link ParsedMessage}: one part per
 * Patient, each clinical resource under the Patient its subject resolves to, everything else counted as
 * unsupported. A clinical resource whose patient is not in the message refuses the whole message: storing it
 * under a guessed patient would be worse than not storing it, and a transaction is all or nothing.
 */
final class MessageAssembler {

    /** FHIR R4 is 4.0.1; the version the hub's model speaks. */
    static final String FHIR_VERSION = "4.0.1";

    record Assembled(ParsedMessage message, EntryOutline outline) {
    }

    /** A FHIR id: what a sender's server gives a Patient and later messages refer to ("Patient/123"). */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private final Map<SourceIdentity, Part> parts = new LinkedHashMap<>();
    /** The local id of a Patient the sender sent in an earlier message, by its Patient.id; empty when unknown. */
    private final EarlierPatients earlier;
    private final Map<String, Optional<SourceIdentity>> earlierById = new HashMap<>();
    /** Records the hub holds, by identifiers a reference names them by; none when the parser has no such lookup. */
    private final HeldPatients held;
    private final Map<List<BundleReferences.IdentifierToken>, Optional<SourceIdentity>> heldByIdentifiers =
            new HashMap<>();
    private final Map<Resource, SourceIdentity> patientOf = new IdentityHashMap<>();
    private final Map<String, Integer> unsupported = new TreeMap<>();
    /**
     * Patient entries naming a record the hub already holds: a conditional create ({@code ifNoneExist}) that found
     * it (nothing created) or an update (PUT) of it. Answered {@code 200 OK}, a create {@code 201 Created}.
     */
    private final Set<Resource> existing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Batch entries refused before placing (a Patient nobody could know again, a resource that could not be read). */
    private final Map<FhirEntry, RejectedInput> refused = new IdentityHashMap<>();
    private RejectedInput firstRefusal;
    private String sender;

    /** Patients a sender sent before, by the id its own server gives them. */
    @FunctionalInterface
    interface EarlierPatients {
        EarlierPatients NONE = (sender, patientId) -> Optional.empty();

        Optional<String> localId(String sender, String patientId);
    }

    /**
     * Whether the hub holds the record {@code authority} keys by {@code localId}, filed under each of
     * {@code identifiers} as well (see {@link org.hiehub.command.ingest.HeldRecords}).
     */
    @FunctionalInterface
    interface HeldPatients {
        HeldPatients NONE = (authority, localId, identifiers) -> false;

        boolean holds(String authority, String localId, List<PatientIdentifier> identifiers);
    }

    private MessageAssembler(EarlierPatients earlier, HeldPatients held) {
        this.earlier = earlier;
        this.held = held;
    }

    static Assembled assemble(List<FhirEntry> entries, String sender, String bundleType, String messageType,
                              String controlId) throws RejectedInput {
        return assemble(entries, sender, bundleType, messageType, controlId, EarlierPatients.NONE, HeldPatients.NONE);
    }

    /**
     * With {@code earlier}, a resource whose subject is not in the message may refer to a Patient the same sender
     * (X-Hub-Source) sent before by its id ("Patient/123"), as the NDJSON files of a Bulk Data export do. Bundles
     * do not: there "Patient/123" names the hub's own Patient resource, and the hub's ids are its master ids.
     * With {@code held}, a reference by identifier (conditional or logical) that no Patient of the message carries
     * may name a patient the hub holds from the same sender ({@link #heldEarlier}).
     */
    static Assembled assemble(List<FhirEntry> entries, String sender, String bundleType, String messageType,
                              String controlId, EarlierPatients earlier, HeldPatients held) throws RejectedInput {
        return new MessageAssembler(earlier, held).run(entries, sender, bundleType, messageType, controlId);
    }

    private Assembled run(List<FhirEntry> entries, String sender, String bundleType, String messageType,
                          String controlId) throws RejectedInput {
        this.sender = sender;
        BundleReferences references = new BundleReferences(entries);
        boolean batch = "batch".equals(bundleType);
        for (FhirEntry entry : entries) {
            if (entry.unreadable() != null) {
                if (!batch) {
                    throw entry.unreadable();
                }
                refused.put(entry, entry.unreadable()); // alone: answered with its reason, the rest is stored
                continue;
            }
            if (entry.resource() instanceof Patient patient && EntryRefusal.of(entry).isEmpty()) {
                Optional<SourceIdentity> known = SourceIdentity.of(patient, sender, entry);
                if (known.isEmpty()) {
                    RejectedInput unknown = RejectedInput.invalid("Patient has no identifier, id or fullUrl to know "
                            + "it by", entry.where("identifier"), 101);
                    if (!batch) {
                        throw unknown;
                    }
                    refused.put(entry, unknown); // alone, in a batch: its entries fail to resolve, each alone too
                    continue;
                }
                SourceIdentity identity = known.get();
                Optional<SourceIdentity> found = conditionallyCreated(entry);
                if (found.isPresent()) {
                    // FHIR conditional create: a match means no create; the entry stands for the patient found
                    patientOf.put(patient, found.get());
                    existing.add(patient);
                    continue;
                }
                patientOf.put(patient, identity);
                if ("PUT".equals(entry.method()) && held.holds(identity.assigningAuthority(), identity.localId(),
                        List.of())) {
                    existing.add(patient); // an update of the held record (FHIR answers 200), not a create (201)
                }
                // A later entry for the same record (an update in the same bundle) has the last word on demographics.
                Part part = parts.computeIfAbsent(identity, Part::new);
                part.demographics = PatientMapper.demographics(patient);
                String id = patient.getIdElement().getIdPart();
                if (sender != null && id != null && FHIR_ID.matcher(id).matches()) {
                    part.senderPatientId = id;
                }
            }
        }
        List<EntryOutline.Line> lines = new ArrayList<>(entries.size());
        for (FhirEntry entry : entries) {
            lines.add(batch ? placeAlone(entry, references) : place(entry, references, bundleType));
        }
        if (batch && parts.isEmpty() && firstRefusal != null) {
            throw firstRefusal; // nothing of the batch could be stored: its first reason is the answer
        }
        List<ParsedMessage.PatientPart> patients = parts.values().stream().map(Part::toPart).toList();
        String sourceSystem = sender != null ? sender
                : parts.keySet().stream().findFirst().map(SourceIdentity::assigningAuthority).orElse(null);
        List<ParsedMessage.Unsupported> notes = unsupported.entrySet().stream()
                .map(e -> new ParsedMessage.Unsupported(e.getKey(), e.getValue(), note(e.getKey(), e.getValue())))
                .toList();
        ParsedMessage message = new ParsedMessage(sourceSystem, messageType, controlId, FHIR_VERSION, patients,
                List.of(), notes);
        List<SourceIdentity> earlierPatients = parts.values().stream().filter(p -> p.demographics == null)
                .map(p -> p.identity).toList();
        return new Assembled(message, new EntryOutline(bundleType, lines, earlierPatients));
    }

    /**
     * A batch entry is independent of the others (FHIR batch semantics): one that cannot be stored is answered with
     * its own error in the batch-response and kept in the raw payload, and the rest of the batch is stored.
     */
    private EntryOutline.Line placeAlone(FhirEntry entry, BundleReferences references) {
        RejectedInput why = refused.get(entry);
        if (why == null) {
            try {
                return place(entry, references, "batch");
            } catch (RejectedInput e) {
                why = e;
            }
        }
        if (firstRefusal == null) {
            firstRefusal = why;
        }
        String type = entry.resource() == null ? null : entry.resource().fhirType();
        unsupported.merge((type == null ? "entry" : type) + " refused", 1, Integer::sum);
        return EntryOutline.Line.refused(type, entry.method(), new EntryRefusal(why.getMessage(), why.location(),
                why.code(), "400 Bad Request"));
    }

    private EntryOutline.Line place(FhirEntry entry, BundleReferences references, String bundleType)
            throws RejectedInput {
        Resource resource = entry.resource();
        Optional<EntryRefusal> refusal = EntryRefusal.of(entry);
        if (refusal.isPresent()) {
            if ("transaction".equals(bundleType)) {
                // all or nothing: answering 200 for a delete that did not happen would tell the sender it did
                throw RejectedInput.invalid(refusal.get().reason(), refusal.get().location(),
                        refusal.get().tableCode());
            }
            unsupported.merge(entry.method() + " request", 1, Integer::sum);
            return EntryOutline.Line.refused(resource == null ? null : resource.fhirType(), entry.method(),
                    refusal.get());
        }
        if (resource instanceof Patient) {
            return EntryOutline.Line.patient(entry.method(), patientOf.get(resource), existing.contains(resource));
        }
        if (!ClinicalMappers.supports(resource)) {
            unsupported.merge(resource.fhirType(), 1, Integer::sum);
            return EntryOutline.Line.unmapped(resource.fhirType(), entry.method());
        }
        ClinicalMappers.Subject subject = ClinicalMappers.subjectOf(resource);
        if (subject.reference() == null) {
            throw RejectedInput.invalid(resource.fhirType() + " names no patient", entry.where(subject.element()),
                    101);
        }
        Optional<SourceIdentity> patient = references.resolve(subject.reference(), entry)
                .map(target -> patientOf.get(target.resource()));
        if (patient.isEmpty()) {
            patient = sentEarlier(subject.reference().getReference());
        }
        Optional<List<BundleReferences.IdentifierToken>> identifiers =
                BundleReferences.identifiers(subject.reference());
        if (patient.isEmpty() && identifiers.isPresent() && !references.namesAnyPatient(identifiers.get())) {
            patient = heldEarlier(identifiers.get());
        }
        if (patient.isEmpty()) {
            throw RejectedInput.invalid(resource.fhirType() + "." + subject.element()
                    + " does not resolve to a Patient in the message" + (earlier == EarlierPatients.NONE ? ""
                    : ", nor to one sent before under the same X-Hub-Source") + (identifiers.isEmpty()
                    || held == HeldPatients.NONE ? "" : ", nor to one the hub holds from this sender by that "
                    + "identifier"), entry.where(subject.element()), 204);
        }
        parts.get(patient.get()).facts.addAll(ClinicalMappers.map(resource, new EntryContext(references, entry)));
        return EntryOutline.Line.clinical(resource.fhirType(), entry.method(), patient.get());
    }

    /**
     * "Patient/123" (or a full URL ending so) of a Patient the sender sent before: its record, as a facts-only part.
     */
    private Optional<SourceIdentity> sentEarlier(String reference) {
        if (earlier == EarlierPatients.NONE || sender == null || reference == null) {
            return Optional.empty();
        }
        String[] parts = reference.split("/");
        if (parts.length < 2 || !"Patient".equals(parts[parts.length - 2])
                || !FHIR_ID.matcher(parts[parts.length - 1]).matches()) {
            return Optional.empty();
        }
        // read once per patient: a Bulk Data file holds thousands of lines for each
        Optional<SourceIdentity> identity = earlierById.computeIfAbsent(parts[parts.length - 1], id -> earlier
                .localId(sender, id).map(localId -> new SourceIdentity(sender, localId)));
        identity.ifPresent(known -> this.parts.computeIfAbsent(known, Part::new));
        return identity;
    }

    /**
     * For a Patient posted with {@code ifNoneExist} ("identifier=system|value", R4 http.html#ccreate):
     * the record the hub already holds from this sender under that search, which the entry then only refers to;
     * empty when there is none (the Patient is created, as an unconditional one would be) or the search is not by
     * identifier.
     */
    private Optional<SourceIdentity> conditionallyCreated(FhirEntry entry) {
        if (entry.ifNoneExist() == null || !"POST".equals(entry.method())) {
            return Optional.empty();
        }
        return BundleReferences.identifierSearch(entry.ifNoneExist()).flatMap(this::heldEarlier);
    }

    /**
     * The record the hub holds from this sender under one of the identifiers (its key: sender, else the
     * identifier's system, and the sender's own id for the patient), with every other identifier that names a system
     * among its own; exactly one, or none. Added as a facts-only part, like a Patient of an earlier NDJSON file.
     */
    private Optional<SourceIdentity> heldEarlier(List<BundleReferences.IdentifierToken> tokens) {
        if (held == HeldPatients.NONE) {
            return Optional.empty();
        }
        Optional<SourceIdentity> identity = heldByIdentifiers.computeIfAbsent(tokens, key -> {
            List<PatientIdentifier> withSystem = tokens.stream()
                    .filter(t -> t.system() != null && !t.system().isBlank())
                    .map(t -> new PatientIdentifier(t.system(), t.value(), null)).toList();
            Set<SourceIdentity> found = new HashSet<>();
            for (BundleReferences.IdentifierToken token : tokens) {
                String authority = sender != null ? sender
                        : token.system() == null || token.system().isBlank() ? null : token.system();
                if (authority != null && held.holds(authority, token.value(), withSystem)) {
                    found.add(new SourceIdentity(authority, token.value()));
                }
            }
            return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
        });
        identity.ifPresent(known -> parts.computeIfAbsent(known, Part::new));
        return identity;
    }

    private static String note(String contentType, int count) {
        if (contentType.endsWith(" refused")) {
            return contentType + ": " + count + (count == 1 ? " entry" : " entries") + " of the batch not stored "
                    + "(each answered with its reason), kept in the raw payload";
        }
        if (contentType.endsWith(" request")) {
            return contentType + ": " + count + (count == 1 ? " entry" : " entries") + " not carried out (the ingest "
                    + "endpoint records resources; the hub's record is append-only), kept in the raw payload";
        }
        return contentType + ": " + count + (count == 1 ? " resource" : " resources")
                + " kept in the raw payload, not mapped";
    }

    private static final class Part {
        private final SourceIdentity identity;
        private final List<FactDraft> facts = new ArrayList<>();
        private Demographics demographics;
        private String senderPatientId;

        Part(SourceIdentity identity) {
            this.identity = identity;
        }

        ParsedMessage.PatientPart toPart() {
            // no demographics: a Patient of an earlier message, which this one only adds facts to
            return new ParsedMessage.PatientPart(identity.assigningAuthority(), identity.localId(), demographics,
                    facts, false, senderPatientId);
        }
    }
}
