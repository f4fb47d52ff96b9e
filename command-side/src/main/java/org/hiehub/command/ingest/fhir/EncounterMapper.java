package org.hiehub.command.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Encounter;

/**
 * FHIR Encounter to {@link EncounterStarted}, plus {@link EncounterEnded} when period.end is present: the same two
 * facts an HL7 A01 and A03 give, so the timeline and the "last encounters" view read both sources alike.
 */
final class EncounterMapper {

    private EncounterMapper() {
    }

    static List<FactDraft> map(Encounter e, EntryContext context) {
        String id = context.selfId();
        String encounterClass = e.hasClass_() ? e.getClass_().getCode() : null;
        Concept type = FhirValues.merged(e.getType());
        String status = FhirValues.code(e.getStatusElement());
        ClinicalTime start = e.hasPeriod() && e.getPeriod().hasStart() ? FhirTimes.time(e.getPeriod().getStartElement())
                : null;
        ClinicalTime end = e.hasPeriod() ? FhirTimes.end(e.getPeriod()) : null;
        String location = e.hasLocation() ? context.name(e.getLocationFirstRep().getLocation()) : null;
        Concept reason = FhirValues.merged(e.getReasonCode());
        var stay = e.hasHospitalization() ? e.getHospitalization() : null;
        String admitSource = stay != null && stay.hasAdmitSource() ? FhirValues.code(stay.getAdmitSource()) : null;
        String disposition = stay != null && stay.hasDischargeDisposition()
                ? FhirValues.code(stay.getDischargeDisposition()) : null;
        List<FactDraft> facts = new ArrayList<>(2);
        facts.add((record, messageKey, factId) -> new EncounterStarted(record, factId, messageKey, id, encounterClass,
                type, status, start, end, location, reason, admitSource));
        if (end != null) {
            facts.add((record, messageKey, factId) -> new EncounterEnded(record, factId, messageKey, id, end,
                    disposition));
        }
        return facts;
    }
}
