package org.hiehub.command.ingest.fhir;

import java.util.List;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The clinical resource types the hub maps to facts, where each names its patient, and which mapper turns it
 * into facts. Every other type is kept in the raw payload and reported as unsupported.
 */
final class ClinicalMappers {

    /** A clinical resource's patient reference and the element it sits in, for the rejection's location. */
    record Subject(Reference reference, String element) {
    }

    private ClinicalMappers() {
    }

    static boolean supports(Resource resource) {
        return resource instanceof Observation || resource instanceof Encounter || resource instanceof Condition
                || resource instanceof MedicationRequest || resource instanceof MedicationStatement
                || resource instanceof AllergyIntolerance || resource instanceof Immunization;
    }

    static Subject subjectOf(Resource resource) {
        if (resource instanceof Observation o) {
            return new Subject(o.hasSubject() ? o.getSubject() : null, "subject");
        }
        if (resource instanceof Encounter e) {
            return new Subject(e.hasSubject() ? e.getSubject() : null, "subject");
        }
        if (resource instanceof Condition c) {
            return new Subject(c.hasSubject() ? c.getSubject() : null, "subject");
        }
        if (resource instanceof MedicationRequest m) {
            return new Subject(m.hasSubject() ? m.getSubject() : null, "subject");
        }
        if (resource instanceof MedicationStatement m) {
            return new Subject(m.hasSubject() ? m.getSubject() : null, "subject");
        }
        if (resource instanceof AllergyIntolerance a) {
            return new Subject(a.hasPatient() ? a.getPatient() : null, "patient");
        }
        if (resource instanceof Immunization i) {
            return new Subject(i.hasPatient() ? i.getPatient() : null, "patient");
        }
        throw new IllegalArgumentException("not a mapped clinical resource: " + resource.fhirType());
    }

    static List<FactDraft> map(Resource resource, EntryContext context) {
        if (resource instanceof Observation o) {
            return List.of(ObservationMapper.map(o, context));
        }
        if (resource instanceof Encounter e) {
            return EncounterMapper.map(e, context);
        }
        if (resource instanceof Condition c) {
            return List.of(ConditionMapper.map(c, context));
        }
        if (resource instanceof MedicationRequest m) {
            return List.of(MedicationMapper.request(m, context));
        }
        if (resource instanceof MedicationStatement m) {
            return List.of(MedicationMapper.statement(m, context));
        }
        if (resource instanceof AllergyIntolerance a) {
            return List.of(AllergyMapper.map(a));
        }
        if (resource instanceof Immunization i) {
            return List.of(ImmunizationMapper.map(i, context));
        }
        throw new IllegalArgumentException("not a mapped clinical resource: " + resource.fhirType());
    }
}
