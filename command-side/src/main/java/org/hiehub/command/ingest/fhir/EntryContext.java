package org.hiehub.command.ingest.fhir;

import java.util.Optional;
import org.hiehub.api.clinical.Concept;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** What a fact mapper may ask about the message around the resource it maps. */
final class EntryContext {

    private final BundleReferences references;
    private final FhirEntry entry;

    EntryContext(BundleReferences references, FhirEntry entry) {
        this.references = references;
        this.entry = entry;
    }

    Optional<Resource> resolve(Reference reference) {
        return references.resolve(reference, entry).map(FhirEntry::resource);
    }

    /**
     * The source's id of a referenced resource (an encounter, an order): the target's logical id, urn:uuid
     * temporaries reduced to the uuid. It is the same id {@link EncounterMapper} gives the Encounter itself, so an
     * Observation and its Encounter agree even when the Encounter came in an earlier message.
     */
    String referencedId(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        Optional<FhirEntry> target = references.resolve(reference, entry);
        if (target.isPresent()) {
            return target.get().logicalId();
        }
        if (reference.hasReference()) {
            return FhirEntry.lastSegment(reference.getReference());
        }
        return reference.hasIdentifier() ? reference.getIdentifier().getValue() : null;
    }

    String selfId() {
        return entry.logicalId();
    }

    /** The medication's code: from medicationCodeableConcept, or a contained or bundled Medication's code. */
    Concept medication(org.hl7.fhir.r4.model.Type medication) {
        if (medication instanceof org.hl7.fhir.r4.model.CodeableConcept cc) {
            return FhirValues.concept(cc);
        }
        if (medication instanceof Reference reference) {
            return resolve(reference).filter(Medication.class::isInstance).map(Medication.class::cast)
                    .filter(Medication::hasCode).map(m -> FhirValues.concept(m.getCode()))
                    .orElseGet(() -> reference.hasDisplay() ? new Concept(null, reference.getDisplay()) : null);
        }
        return null;
    }

    /** A display for who or where: the reference's display, else a bundled Organization's or Location's name. */
    String name(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        if (reference.hasDisplay()) {
            return reference.getDisplay();
        }
        return resolve(reference).map(r -> r instanceof Organization o ? o.getName()
                : r instanceof Location l ? l.getName() : null).orElse(null);
    }

    Optional<FhirEntry> report() {
        return entry.resource() == null ? Optional.empty() : references.reportListing(entry.resource());
    }
}
