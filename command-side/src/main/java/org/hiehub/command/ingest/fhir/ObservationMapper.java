package org.hiehub.command.ingest.fhir;

import java.util.List;
import java.util.stream.Collectors;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationComponent;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR Observation to {@link ObservationRecorded}: value[x] typed where the event has a slot (Quantity,
 * CodeableConcept, string), everything else as text. A panel sent as components with no value of its own (blood
 * pressure: systolic and diastolic) keeps one fact per Observation, so that a fact count always equals the
 * resource count: its components are typed in {@code components} and, as before, written out in its text. A
 * DiagnosticReport listing the Observation plays the part of the HL7 OBR.
 */
final class ObservationMapper {

    private ObservationMapper() {
    }

    static FactDraft map(Observation o, EntryContext context) {
        Concept code = FhirValues.concept(o.getCode());
        Type value = o.hasValue() ? o.getValue() : null;
        String valueType = value != null ? value.fhirType() : o.hasComponent() ? "component" : null;
        Measurement quantity = value instanceof Quantity q ? FhirValues.measurement(q) : null;
        Concept valueConcept = value instanceof CodeableConcept cc ? FhirValues.concept(cc) : null;
        String valueText = quantity != null || valueConcept != null ? null : valueText(o, value);
        String range = o.getReferenceRange().stream().map(ObservationMapper::range)
                .filter(r -> !r.isBlank()).collect(Collectors.joining("; "));
        String flag = o.hasInterpretation() ? FhirValues.code(o.getInterpretationFirstRep()) : null;
        String status = FhirValues.code(o.getStatusElement());
        ClinicalTime effective = o.hasEffective() ? FhirTimes.time(o.getEffective()) : null;
        ClinicalTime issued = o.hasIssuedElement() ? FhirTimes.time(o.getIssuedElement()) : null;
        String performer = o.getPerformer().stream().map(context::name).filter(n -> n != null).findFirst()
                .orElse(null);
        FhirEntry report = context.report().orElse(null);
        String orderId = report != null ? report.logicalId()
                : o.hasBasedOn() ? context.referencedId(o.getBasedOnFirstRep()) : null;
        Concept orderCode = report != null ? FhirValues.concept(((DiagnosticReport) report.resource()).getCode()) : null;
        String encounterId = o.hasEncounter() ? context.referencedId(o.getEncounter()) : null;
        Concept category = FhirValues.merged(o.getCategory());
        String note = o.hasNote() ? o.getNote().stream().map(Annotation::getText).filter(t -> t != null)
                .collect(Collectors.joining("\n")) : null;
        List<ObservationComponent> components = o.getComponent().stream().map(ObservationMapper::component).toList();
        return (record, messageKey, factId) -> new ObservationRecorded(record, factId, messageKey, code, valueType,
                quantity, valueConcept, valueText, range.isEmpty() ? null : range, flag, status, effective, issued,
                performer, orderId, orderCode, encounterId, category, note).withComponents(components);
    }

    /** A component typed as the observation's own value is: a Quantity or CodeableConcept kept as such. */
    private static ObservationComponent component(Observation.ObservationComponentComponent c) {
        Type value = c.hasValue() ? c.getValue() : null;
        Measurement quantity = value instanceof Quantity q ? FhirValues.measurement(q) : null;
        Concept valueConcept = value instanceof CodeableConcept cc ? FhirValues.concept(cc) : null;
        String valueText = quantity != null || valueConcept != null || value == null ? null : FhirValues.text(value);
        return new ObservationComponent(FhirValues.concept(c.getCode()), value == null ? null : value.fhirType(),
                quantity, valueConcept, valueText);
    }

    private static String valueText(Observation o, Type value) {
        if (value != null) {
            return FhirValues.text(value);
        }
        if (o.hasComponent()) {
            return o.getComponent().stream().map(c -> componentCode(c.getCode()) + ": "
                    + (c.hasValue() ? FhirValues.text(c.getValue()) : "no value")).collect(Collectors.joining("; "));
        }
        return o.hasDataAbsentReason() ? "data absent: " + FhirValues.code(o.getDataAbsentReason()) : null;
    }

    private static String componentCode(CodeableConcept code) {
        String first = FhirValues.code(code);
        String label = code.hasText() ? code.getText() : code.getCodingFirstRep().getDisplay();
        return label == null || label.equals(first) ? String.valueOf(first) : first + " " + label;
    }

    private static String range(ObservationReferenceRangeComponent r) {
        if (r.hasText()) {
            return r.getText();
        }
        String low = r.hasLow() ? FhirValues.text(r.getLow()) : "";
        String high = r.hasHigh() ? FhirValues.text(r.getHigh()) : "";
        if (low.isEmpty() && high.isEmpty()) {
            return "";
        }
        return low.isEmpty() ? "<=" + high : high.isEmpty() ? ">=" + low : low + " - " + high;
    }
}
