package org.hiehub.api.clinical;

/**
 * One part of an observation sent as a panel of components (FHIR {@code Observation.component}: a blood pressure's
 * systolic and diastolic values). Kept as sent, like the observation's own value: at most one of
 * {@code quantity}, {@code valueConcept}, {@code valueText}; {@code valueType} is the FHIR value[x] type.
 */
public record ObservationComponent(Concept code, String valueType, Measurement quantity, Concept valueConcept,
                                   String valueText) {
}
