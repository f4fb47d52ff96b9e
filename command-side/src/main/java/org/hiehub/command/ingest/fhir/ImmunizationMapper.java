package org.hiehub.command.ingest.fhir;

import java.util.List;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;

/**
 * FHIR Immunization to {@link ImmunizationRecorded}; an occurrence given only as text is kept as sent, with no date.
 */
final class ImmunizationMapper {

    private ImmunizationMapper() {
    }

    static FactDraft map(Immunization i, EntryContext context) {
        Concept vaccine = FhirValues.concept(i.getVaccineCode());
        String status = FhirValues.code(i.getStatusElement());
        ClinicalTime occurrence = i.hasOccurrence() ? FhirTimes.time(i.getOccurrence()) : null;
        String lot = i.hasLotNumber() ? i.getLotNumber() : null;
        String encounterId = i.hasEncounter() ? context.referencedId(i.getEncounter()) : null;
        ImmunizationDetails details = new ImmunizationDetails(FhirValues.measurement(i.getDoseQuantity()),
                FhirValues.concept(i.getRoute()), FhirValues.concept(i.getSite()), manufacturer(i),
                FhirValues.concept(i.getStatusReason()),
                i.hasPrimarySource() ? i.getPrimarySource() : null, FhirValues.concept(i.getReportOrigin()),
                i.hasExpirationDate() ? FhirTimes.time(i.getExpirationDateElement()) : null);
        String recordId = recordId(i);
        return (record, messageKey, factId) -> new ImmunizationRecorded(record, factId, messageKey, vaccine, status,
                occurrence, lot, encounterId, details, recordId);
    }

    /**
     * The sender's id of the record, by which a later entered-in-error Immunization withdraws it: its first
     * identifier with a value ("system|value"), else the resource id it was sent with.
     */
    static String recordId(Immunization i) {
        for (Identifier identifier : i.getIdentifier()) {
            if (identifier.hasValue()) {
                return identifier.hasSystem() ? identifier.getSystem() + "|" + identifier.getValue()
                        : identifier.getValue();
            }
        }
        return i.getIdElement().hasIdPart() ? i.getIdElement().getIdPart() : null;
    }

    /**
     * The manufacturer as the reference names it: its identifier (an MVX code, say) and display. A reference to an
     * Organization resource alone says nothing the hub keeps (Organizations are unsupported content).
     */
    private static Concept manufacturer(Immunization i) {
        Reference reference = i.getManufacturer();
        String display = reference.hasDisplay() ? reference.getDisplay() : null;
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            return Concept.of(reference.getIdentifier().getSystem(), reference.getIdentifier().getValue(), display);
        }
        return display == null ? null : new Concept(List.of(), display);
    }
}
