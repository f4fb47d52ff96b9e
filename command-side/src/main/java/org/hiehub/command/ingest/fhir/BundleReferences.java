package org.hiehub.command.ingest.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves references between the resources of one message, following the FHIR R4 rules for bundles
 * (http://hl7.org/fhir/R4/bundle.html#references): an absolute reference (urn:uuid, urn:oid, http…) matches an
 * entry's fullUrl; a relative one ("Patient/123", versions stripped) is made absolute against the referring
 * entry's RESTful fullUrl base, and only when that entry has no RESTful fullUrl (urn:uuid, none, NDJSON) is it
 * matched by type and id. "#id" finds a contained resource. A reference by identifier alone, or a conditional one
 * ("Patient?identifier=…"), finds the one Patient with that identifier. Anything else does not resolve here (the
 * assembler may still find a patient the hub holds from an earlier message).
 */
final class BundleReferences {

    private static final String CONDITIONAL_PATIENT = "Patient?";
    private final Map<String, FhirEntry> byFullUrl = new HashMap<>();
    private final Map<String, FhirEntry> byTypeAndId = new HashMap<>();
    private final Map<String, List<FhirEntry>> patientsByIdentifierValue = new HashMap<>();
    private final Map<Resource, FhirEntry> reportOfResult = new IdentityHashMap<>();

    BundleReferences(List<FhirEntry> entries) {
        for (FhirEntry entry : entries) {
            if (entry.resource() == null) {
                continue;
            }
            if (entry.fullUrl() != null && !entry.fullUrl().isBlank()) {
                byFullUrl.putIfAbsent(entry.fullUrl(), entry);
            }
            if (entry.logicalId() != null) {
                byTypeAndId.putIfAbsent(entry.resourceType() + "/" + entry.logicalId(), entry);
            }
            if (entry.resource() instanceof Patient patient) {
                patient.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue).distinct()
                        .forEach(v -> patientsByIdentifierValue.computeIfAbsent(v, k -> new ArrayList<>()).add(entry));
            }
        }
        for (FhirEntry entry : entries) {
            if (entry.resource() instanceof DiagnosticReport report) {
                report.getResult().forEach(r -> resolve(r, entry)
                        .ifPresent(result -> reportOfResult.putIfAbsent(result.resource(), entry)));
            }
        }
    }

    /** The entry a reference points to, if it is in this message (contained resources come back wrapped). */
    Optional<FhirEntry> resolve(Reference reference, FhirEntry from) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        if (!reference.hasReference() || reference.getReference().startsWith(CONDITIONAL_PATIENT)) {
            return identifiers(reference).flatMap(this::named);
        }
        String target = withoutVersion(reference.getReference());
        if (target.startsWith("#")) {
            return contained(target.substring(1), from);
        }
        if (isAbsolute(target)) {
            return Optional.ofNullable(byFullUrl.get(target));
        }
        String base = restfulBase(from.fullUrl());
        if (base != null) {
            return Optional.ofNullable(byFullUrl.get(base + target));
        }
        return Optional.ofNullable(byTypeAndId.get(target));
    }

    /**
     * One identifier a reference names its patient by: {@code system} null when any system will do (a search token
     * without a bar), blank for an identifier without a system ({@code |value}).
     */
    record IdentifierToken(String system, String value) {
    }

    /**
     * The identifiers a reference names its patient by instead of an id: a conditional reference
     * (http://hl7.org/fhir/R4/http.html#trules, "Patient?identifier=system|value", which a sender writes when it does
     * not know the id; several {@code identifier} parameters all apply) or a logical one (Reference.identifier).
     * Empty for any other reference, and for a conditional one with another search parameter or a broken escape.
     */
    static Optional<List<IdentifierToken>> identifiers(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        if (!reference.hasReference()) {
            Identifier identifier = reference.getIdentifier();
            return reference.hasIdentifier() && identifier.hasValue()
                    ? Optional.of(List.of(new IdentifierToken(identifier.hasSystem() ? identifier.getSystem() : "",
                            identifier.getValue())))
                    : Optional.empty();
        }
        String target = reference.getReference();
        return target.startsWith(CONDITIONAL_PATIENT) ? identifierSearch(target) : Optional.empty();
    }

    /**
     * The identifiers a Patient search names ("[Patient?]identifier=system|value&identifier=…", as in a conditional
     * reference or an {@code ifNoneExist}); empty when it has another parameter or a broken escape.
     */
    static Optional<List<IdentifierToken>> identifierSearch(String search) {
        String query = search.startsWith(CONDITIONAL_PATIENT) ? search.substring(CONDITIONAL_PATIENT.length()) : search;
        List<IdentifierToken> tokens = new ArrayList<>();
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !"identifier".equals(parameter.substring(0, equals))) {
                return Optional.empty();
            }
            String token;
            try {
                token = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // "%zz": not a search the sender could have meant anything by
            }
            int bar = token.indexOf('|');
            String value = token.substring(bar + 1);
            if (value.isBlank()) {
                return Optional.empty();
            }
            tokens.add(new IdentifierToken(bar < 0 ? null : token.substring(0, bar), value));
        }
        return Optional.of(tokens);
    }

    /**
     * The one Patient of the message every token names; none or several: unresolved, as the spec has the
     * transaction fail.
     */
    private Optional<FhirEntry> named(List<IdentifierToken> tokens) {
        FhirEntry found = null;
        for (IdentifierToken token : tokens) {
            List<FhirEntry> matches = patientsNamed(token);
            if (matches.size() != 1 || found != null && found != matches.get(0)) {
                return Optional.empty();
            }
            found = matches.get(0);
        }
        return Optional.ofNullable(found);
    }

    /** Whether a Patient of this message carries any of the identifiers (then it, not an earlier one, is meant). */
    boolean namesAnyPatient(List<IdentifierToken> tokens) {
        return tokens.stream().anyMatch(token -> !patientsNamed(token).isEmpty());
    }

    private List<FhirEntry> patientsNamed(IdentifierToken token) {
        return patientsByIdentifierValue.getOrDefault(token.value(), List.of()).stream()
                .filter(entry -> token.system() == null || ((Patient) entry.resource()).getIdentifier().stream()
                        .anyMatch(i -> token.value().equals(i.getValue())
                                && token.system().equals(i.hasSystem() ? i.getSystem() : "")))
                .toList();
    }

    /** The DiagnosticReport in this message that lists the resource among its results (HL7 v2: the OBR of an OBX). */
    Optional<FhirEntry> reportListing(Resource result) {
        return Optional.ofNullable(reportOfResult.get(result));
    }

    private static Optional<FhirEntry> contained(String id, FhirEntry from) {
        if (!(from.resource() instanceof DomainResource holder)) {
            return Optional.empty();
        }
        return holder.getContained().stream()
                .filter(r -> id.equals(r.getIdElement().getIdPart()) || ("#" + id).equals(r.getId()))
                .findFirst().map(r -> new FhirEntry(null, r, null, from.position()));
    }

    private static String withoutVersion(String reference) {
        int history = reference.indexOf("/_history/");
        return history < 0 ? reference : reference.substring(0, history);
    }

    private static boolean isAbsolute(String reference) {
        return reference.startsWith("urn:") || reference.contains("://");
    }

    /** "http://example.org/fhir/" for "http://example.org/fhir/Observation/123"; null when not RESTful. */
    private static String restfulBase(String fullUrl) {
        if (fullUrl == null || !fullUrl.contains("://")) {
            return null;
        }
        String plain = withoutVersion(fullUrl);
        int idSlash = plain.lastIndexOf('/');
        int typeSlash = idSlash <= 0 ? -1 : plain.lastIndexOf('/', idSlash - 1);
        return typeSlash < 0 ? null : plain.substring(0, typeSlash + 1);
    }
}
