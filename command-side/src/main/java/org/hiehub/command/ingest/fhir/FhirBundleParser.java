package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.HeldRecords;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.MessageParser;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A FHIR R4 Bundle of type transaction, batch or collection. A document, message or search set is refused: they
 * are answers or signed artefacts, not something a source submits for storage. The control id that makes a
 * re-send harmless is Bundle.identifier (meant to be stable across re-sends), else Bundle.id; without either
 * the content hash decides.
 */
@Component
public class FhirBundleParser implements MessageParser {

    static final Set<String> ACCEPTED_TYPES = Set.of("transaction", "batch", "collection");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirReader reader;
    private final BundleDiagnosis diagnosis;
    private final MessageAssembler.HeldPatients held;

    /** References by identifier resolve only to Patients in the same bundle. */
    public FhirBundleParser(FhirReader reader) {
        this(reader, MessageAssembler.HeldPatients.NONE);
    }

    /**
     * A reference by identifier ("Patient?identifier=system|value") that no Patient of the bundle carries may name
     * one the hub holds from the same sender ({@link HeldRecords}).
     */
    @Autowired
    public FhirBundleParser(FhirReader reader, HeldRecords held) {
        this(reader, (MessageAssembler.HeldPatients) held::holds);
    }

    FhirBundleParser(FhirReader reader, MessageAssembler.HeldPatients held) {
        this.reader = reader;
        this.diagnosis = new BundleDiagnosis(reader);
        this.held = held;
    }

    @Override
    public MessageFormat format() {
        return MessageFormat.FHIR_BUNDLE;
    }

    @Override
    public String controlIdLocation() {
        return "Bundle.identifier";
    }

    /**
     * A re-sent bundle may carry a new {@code timestamp} (when it was assembled) and {@code meta}; every other
     * element must be the same (compared as JSON, so formatting and member order do not count).
     */
    @Override
    public boolean sameMessage(byte[] earlier, byte[] now) {
        try {
            return withoutStamps(JSON.readTree(earlier)).equals(withoutStamps(JSON.readTree(now)));
        } catch (IOException e) {
            return Arrays.equals(earlier, now);
        }
    }

    private static JsonNode withoutStamps(JsonNode bundle) {
        if (bundle instanceof ObjectNode object) {
            object.remove(List.of("timestamp", "meta"));
        }
        return bundle;
    }

    @Override
    public ParsedMessage parse(InboundMessage message) throws RejectedInput {
        MessageAssembler.Assembled assembled = assemble(message);
        OutlineCapture.offer(assembled.outline());
        return assembled.message();
    }

    MessageAssembler.Assembled assemble(InboundMessage message) throws RejectedInput {
        Read read = bundle(message.payload());
        Bundle bundle = read.bundle();
        String type = bundle.hasType() ? bundle.getTypeElement().getValueAsString() : null;
        if (type == null || !ACCEPTED_TYPES.contains(type)) {
            throw RejectedInput.invalid("Bundle.type " + (type == null ? "is missing" : type + " is not accepted")
                    + "; send a transaction, batch or collection", "Bundle.type", 200);
        }
        List<FhirEntry> entries = new ArrayList<>(bundle.getEntry().size());
        Map<String, Integer> fullUrls = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent e = bundle.getEntry().get(i);
            Optional<RejectedInput> repeated = repeatedFullUrl(e, i, fullUrls);
            if (repeated.isPresent() && !"batch".equals(type)) {
                throw repeated.get();
            }
            RejectedInput refused = repeated.orElse(read.unreadable().get(i));
            String method = e.hasRequest() && e.getRequest().hasMethod()
                    ? e.getRequest().getMethodElement().getValueAsString() : null;
            String url = e.hasRequest() && e.getRequest().hasUrl() ? e.getRequest().getUrl() : null;
            String ifNoneExist = e.hasRequest() && e.getRequest().hasIfNoneExist()
                    ? e.getRequest().getIfNoneExist() : null;
            Resource resource = e.hasResource() && refused == null ? e.getResource() : null;
            entries.add(new FhirEntry(e.getFullUrl(), resource, e.hasResource() ? method
                    : (method == null ? "EMPTY" : method), url, ifNoneExist, "Bundle.entry[" + i + "]", refused));
        }
        String sender = FhirSender.declared(message);
        if (sender == null && bundle.hasMeta() && bundle.getMeta().hasSource()) {
            sender = bundle.getMeta().getSource();
        }
        String controlId = bundle.hasIdentifier() && bundle.getIdentifier().hasValue()
                ? bundle.getIdentifier().getValue()
                : bundle.hasIdElement() ? bundle.getIdElement().getIdPart() : null;
        return MessageAssembler.assemble(entries, sender, type, "Bundle/" + type, controlId,
                MessageAssembler.EarlierPatients.NONE, held);
    }

    /**
     * FHIR rule bdl-7: a fullUrl names one entry, unless the entries are versions of a resource (different
     * {@code meta.versionId}). A second entry under the same fullUrl would have the references meant for it resolve
     * to the first: clinical facts filed under another person.
     */
    private static Optional<RejectedInput> repeatedFullUrl(BundleEntryComponent entry, int index,
                                                           Map<String, Integer> seen) {
        if (!entry.hasFullUrl() || entry.getFullUrl().isBlank()) {
            return Optional.empty();
        }
        String version = entry.hasResource() && entry.getResource().hasMeta()
                ? entry.getResource().getMeta().getVersionId() : null;
        Integer first = seen.putIfAbsent(entry.getFullUrl() + (version == null ? "" : "|" + version), index);
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(RejectedInput.invalid("Bundle.entry[" + index + "].fullUrl repeats the fullUrl of "
                + "Bundle.entry[" + first + "]; each entry needs its own (bdl-7)",
                "Bundle.entry[" + index + "].fullUrl", 102));
    }

    /** A Bundle as read, and why each of its batch entries whose resource could not be read was refused. */
    private record Read(Bundle bundle, Map<Integer, RejectedInput> unreadable) {
    }

    /**
     * The Bundle in {@code payload}. A batch whose entries HAPI cannot read all is read without those, each refused
     * with its own reason: a batch's entries stand alone.
     */
    private Read bundle(byte[] payload) throws RejectedInput {
        IBaseResource resource;
        Map<Integer, RejectedInput> unreadable = Map.of();
        try {
            resource = reader.read(payload);
        } catch (DataFormatException e) {
            BundleDiagnosis.Salvaged salvaged = diagnosis.salvageBatch(payload).orElseThrow(
                    () -> diagnosis.locate(payload, e));
            try {
                resource = reader.read(salvaged.json());
            } catch (DataFormatException again) {
                throw diagnosis.locate(payload, e);
            }
            unreadable = salvaged.unreadable();
        } catch (RuntimeException e) {
            throw RejectedInput.unparseable("not a readable FHIR R4 JSON resource (" + e.getClass().getSimpleName() + ")");
        }
        if (!(resource instanceof Bundle bundle)) {
            throw RejectedInput.invalid("expected a Bundle but got a " + resource.fhirType()
                    + "; POST /fhir takes a transaction, batch or collection Bundle", "resourceType", 200);
        }
        return new Read(bundle, unreadable);
    }
}
