package org.hiehub.api.clinical;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/**
 * One observation (HL7 OBX with its OBR context; FHIR Observation). Exactly one of {@code quantity},
 * {@code valueConcept}, {@code valueText} is usually set; {@code valueType} is the HL7 OBX-2 value type or the
 * FHIR value[x] type. {@code referenceRange} and {@code abnormalFlag} are as sent; {@code structuredReferenceRange}
 * is the range read from it. Free-text notes may name people, so they are personal data. {@code components} are
 * the parts of a panel sent as one observation (a blood pressure's systolic and diastolic), never null.
 *
 * <p>Revision 2 added {@code structuredReferenceRange}; {@code ObservationRecordedUpcaster} derives it for events
 * stored at revision 1. Revision 3 added {@code components}; {@code ObservationComponentsUpcaster} reads an
 * event stored before as having none (its {@code valueText} keeps the components as text, as it always did).
 */
@Revision("3")
public record ObservationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                  Concept code, String valueType, Measurement quantity, Concept valueConcept,
                                  String valueText, String referenceRange, String abnormalFlag, String status,
                                  ClinicalTime effective, ClinicalTime issued, String performer,
                                  String orderId, Concept orderCode, String encounterId, Concept category,
                                  @PersonalData String note, ReferenceRange structuredReferenceRange,
                                  List<ObservationComponent> components)
        implements ClinicalEvent {

    public ObservationRecorded {
        components = components == null ? List.of() : List.copyOf(components);
    }

    /**
     * Without components, the structured range read from the text range in the unit of the value (the shape of
     * revisions 1 and 2; add a panel's parts with {@link #withComponents}).
     */
    public ObservationRecorded(SourceRecordId sourceRecordId, String factId, String messageKey, Concept code,
                               String valueType, Measurement quantity, Concept valueConcept, String valueText,
                               String referenceRange, String abnormalFlag, String status, ClinicalTime effective,
                               ClinicalTime issued, String performer, String orderId, Concept orderCode,
                               String encounterId, Concept category, String note) {
        this(sourceRecordId, factId, messageKey, code, valueType, quantity, valueConcept, valueText, referenceRange,
                abnormalFlag, status, effective, issued, performer, orderId, orderCode, encounterId, category, note,
                ReferenceRange.fromText(referenceRange, quantity == null ? null : quantity.unitAsSent()), List.of());
    }

    /** This observation with the parts of its panel. */
    public ObservationRecorded withComponents(List<ObservationComponent> parts) {
        return new ObservationRecorded(sourceRecordId, factId, messageKey, code, valueType, quantity, valueConcept,
                valueText, referenceRange, abnormalFlag, status, effective, issued, performer, orderId, orderCode,
                encounterId, category, note, structuredReferenceRange, parts);
    }
}
