package org.hiehub.query.audit;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/** The access audit as JSON, CSV, NDJSON and FHIR AuditEvent. */
@Component
public class AuditFormats {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String PURPOSE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final List<String> COLUMNS = List.of("seq", "at", "actor", "roles", "organization", "purpose",
            "action", "patients", "outcome", "httpStatus", "returned", "emergencyAccessId");
    private static final Map<String, String> PURPOSES = Map.of("treatment", "TREAT", "research", "HRESCH",
            "operations", "HOPERAT");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final FhirContext fhir;

    public AuditFormats(FhirContext fhir) {
        this.fhir = fhir;
    }

    public String json(List<AuditEntry> entries) {
        try {
            return json.writeValueAsString(Map.of("total", entries.size(), "entries", entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String ndjson(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (AuditEntry entry : entries) {
            try {
                out.append(json.writeValueAsString(entry)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    public String csv(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (AuditEntry e : entries) {
            List<Object> values = List.of(e.seq(), e.at(), e.actor(), e.roles(), nz(e.organization()), nz(e.purpose()),
                    e.action(), e.patients(), e.outcome(), e.httpStatus(), e.returned(), nz(e.emergencyAccessId()));
            out.append(String.join(",", values.stream().map(v -> quote(String.valueOf(v))).toList())).append("\r\n");
        }
        return out.toString();
    }

    public String auditEventBundle(List<AuditEntry> entries) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(entries.size());
        entries.forEach(e -> bundle.addEntry().setResource(auditEvent(e)));
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    /**
     * A read as IHE BALP-style AuditEvent: DICOM 110110 "Patient Record" read, or under break-the-glass DICOM
     * 110113 "Security Alert" / 110127 "Emergency Override Started" with purpose ETREAT.
     */
    AuditEvent auditEvent(AuditEntry e) {
        boolean emergency = "break-the-glass".equals(e.outcome());
        AuditEvent event = new AuditEvent();
        event.setId("audit-" + e.seq());
        event.setType(emergency ? new Coding(DICOM, "110113", "Security Alert")
                : new Coding(DICOM, "110110", "Patient Record"));
        if (emergency) {
            event.addSubtype(new Coding(DICOM, "110127", "Emergency Override Started"));
        }
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(e.at()));
        event.setOutcome("denied".equals(e.outcome()) ? AuditEvent.AuditEventOutcome._4
                : "failed".equals(e.outcome()) ? AuditEvent.AuditEventOutcome._8 : AuditEvent.AuditEventOutcome._0);
        event.setOutcomeDesc(e.outcome() + " (HTTP " + e.httpStatus() + ")"
                + (e.emergencyAccessId() == null ? "" : ", emergency access " + e.emergencyAccessId()));
        String purpose = emergency ? "ETREAT" : PURPOSES.getOrDefault(nz(e.purpose()), "TREAT");
        event.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE, purpose, null)));
        AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true)
                .setWho(new Reference().setDisplay(e.actor()));
        for (String role : e.roles().split(",")) {
            if (!role.isBlank()) {
                agent.addRole(new CodeableConcept(new Coding("urn:hiehub:role", role, role)));
            }
        }
        if (e.organization() != null) {
            agent.addPolicy("org:" + e.organization());
        }
        event.getSource().setSite("hie-hub").setObserver(new Reference().setDisplay("hie-hub query role"));
        for (String patient : e.patients().split(",")) {
            if (!patient.isBlank()) {
                event.addEntity().setWhat(new Reference("Patient/" + patient))
                        .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                        .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
            }
        }
        event.addEntity().setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2",
                "System Object")).setDescription(e.action()).addDetail().setType("returned")
                .setValue(new org.hl7.fhir.r4.model.StringType(e.returned()));
        return event;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
