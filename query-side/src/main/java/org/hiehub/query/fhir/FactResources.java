package org.hiehub.query.fhir;

import static org.hiehub.query.fhir.FhirValues.code;
import static org.hiehub.query.fhir.FhirValues.number;
import static org.hiehub.query.fhir.FhirValues.parse;
import static org.hiehub.query.fhir.FhirValues.time;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.hiehub.projections.support.ViewText;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.Type;

/**
 * Timeline entries (one per clinical fact) as R4 resources. The resource id is a name-based UUID of the factId:
 * stable across rebuilds, and valid as a FHIR id (a factId holds a '/' and may exceed 64 characters).
 */
final class FactResources {

    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String ALLERGY_CLINICAL =
            "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private FactResources() {
    }

    /** The resource for an entry, or empty for a kind not mapped (an encounter's end, told by its start). */
    static Optional<Resource> toResource(Document entry, String masterPatientId) {
        Reference patient = new Reference("Patient/" + masterPatientId);
        Resource resource = switch (String.valueOf(entry.getString("type"))) {
            case "observation" -> observation(entry, patient);
            case "encounter" -> encounter(entry, patient);
            case "condition" -> condition(entry, patient);
            case "medication" -> medication(entry, patient);
            case "allergy" -> allergy(entry, patient);
            case "immunization" -> immunization(entry, patient);
            default -> null;
        };
        if (resource != null) {
            resource.setId(resourceId(entry.getString("factId")));
        }
        return Optional.ofNullable(resource);
    }

    static String resourceId(String factId) {
        return UUID.nameUUIDFromBytes(factId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Observation observation(Document entry, Reference patient) {
        Observation observation = new Observation().setSubject(patient).setCode(code(entry))
                .setStatus(observationStatus(entry.getString("status")))
                .setEffective(time(entry));
        List<Document> components = entry.getList("components", Document.class, List.of());
        components.forEach(part -> observation.addComponent()
                .setCode(FhirValues.concept(part.get("code", Document.class))).setValue(value(part)));
        if (components.isEmpty()) {
            // a panel's value is its components; its text form would only repeat them
            observation.setValue(value(entry));
            Number length = entry.get("value" + ViewText.LENGTH_SUFFIX, Number.class);
            if (length != null) {
                observation.addNote().setText("The value is shortened here to its first "
                        + entry.getString("value").length() + " of " + length
                        + " characters; the event log holds it as sent: GET /api/patients/"
                        + patient.getReferenceElement().getIdPart() + "/timeline/value?factId="
                        + URLEncoder.encode(entry.getString("factId"), StandardCharsets.UTF_8) + " reads it whole.");
            }
        }
        return observation;
    }

    /** value[x] of an observation or of one of its components, from a view's value, unit and comparator. */
    private static Type value(Document entry) {
        String value = entry.getString("value");
        Type typed = typed(entry.getString("valueType"), value);
        if (typed != null) {
            return typed;
        }
        BigDecimal number = number(value);
        if (number != null) {
            Quantity quantity = new Quantity().setValue(number).setUnit(entry.getString("unit"));
            if (entry.getString("unit") != null) {
                quantity.setSystem(UCUM).setCode(entry.getString("unit"));
            }
            if (entry.getString("comparator") != null) {
                // FHIR R4 has <, <=, >=, >; an HL7 "=" says the value is exact, which a Quantity is anyway
                quantity.setComparator(parse(entry.getString("comparator"), Quantity.QuantityComparator::fromCode,
                        null));
            }
            return quantity;
        }
        if (value != null && entry.get("valueCode") instanceof Document coded) {
            return FhirValues.concept(coded).setText(value);
        }
        return value == null ? null : new StringType(value);
    }

    /**
     * A value the source sent as a FHIR boolean, integer, dateTime, time, Range or Ratio, or as an HL7 v2 ratio or
     * range, typed again; null if it is not one.
     */
    private static Type typed(String valueType, String value) {
        if (valueType == null || value == null) {
            return null;
        }
        try {
            return switch (valueType) {
                case "boolean" -> "true".equals(value) || "false".equals(value)
                        ? new BooleanType(value) : null;
                case "integer" -> new IntegerType(Integer.parseInt(value));
                case "dateTime" -> new DateTimeType(value);
                case "time" -> new TimeType(value);
                default -> StructuredValues.of(valueType, value);
            };
        } catch (RuntimeException e) {
            return null; // not what its type says: the text stands
        }
    }

    /**
     * The FHIR status of a result: FHIR codes as they are; HL7 v2 OBX-11 result status as the HL7 v2-to-FHIR
     * mapping reads it (F final, C corrected, P/R/S preliminary, I registered, D/W entered-in-error, X cancelled,
     * U final); anything else unknown.
     */
    static Observation.ObservationStatus observationStatus(String sent) {
        if (sent == null) {
            return Observation.ObservationStatus.UNKNOWN;
        }
        return switch (sent.strip().toUpperCase(Locale.ROOT)) {
            case "F", "U" -> Observation.ObservationStatus.FINAL;
            case "C" -> Observation.ObservationStatus.CORRECTED;
            case "P", "R", "S" -> Observation.ObservationStatus.PRELIMINARY;
            case "I" -> Observation.ObservationStatus.REGISTERED;
            case "D", "W" -> Observation.ObservationStatus.ENTEREDINERROR;
            case "X" -> Observation.ObservationStatus.CANCELLED;
            default -> parse(sent, Observation.ObservationStatus::fromCode, Observation.ObservationStatus.UNKNOWN);
        };
    }

    static Encounter encounter(Document entry, Reference patient) {
        Encounter encounter = new Encounter().setSubject(patient).setStatus(parse(entry.getString("status"),
                Encounter.EncounterStatus::fromCode, Encounter.EncounterStatus.UNKNOWN));
        if (entry.getString("value") != null) {
            encounter.setClass_(new Coding(ACT_CODE, entry.getString("value"), null));
        }
        if (entry.get("code") != null) {
            encounter.addType(code(entry));
        }
        if (entry.getString("encounterId") != null) {
            encounter.addIdentifier().setValue(entry.getString("encounterId"));
        }
        encounter.getPeriod().setStartElement(time(entry));
        if (entry.getString("end") != null) {
            encounter.getPeriod().setEndElement(new DateTimeType(entry.getString("end")));
        }
        if (entry.getString("location") != null) {
            // as sent (point of care^room^bed^facility): the hub keeps no Location resources to refer to
            encounter.addLocation().getLocation().setDisplay(entry.getString("location"));
        }
        return encounter;
    }

    static Condition condition(Document entry, Reference patient) {
        Condition condition = new Condition().setSubject(patient).setCode(code(entry)).setOnset(time(entry));
        if (entry.getString("status") != null) {
            condition.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, entry.getString("status"),
                    null)));
        }
        return condition;
    }

    static MedicationRequest medication(Document entry, Reference patient) {
        MedicationRequest request = new MedicationRequest().setSubject(patient).setMedication(code(entry))
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setStatus(parse(entry.getString("status"), MedicationRequest.MedicationRequestStatus::fromCode,
                        MedicationRequest.MedicationRequestStatus.UNKNOWN))
                .setAuthoredOnElement(time(entry));
        if (entry.getString("value") != null) {
            request.addDosageInstruction().setText(entry.getString("value"));
        }
        return request;
    }

    static AllergyIntolerance allergy(Document entry, Reference patient) {
        AllergyIntolerance allergy = new AllergyIntolerance().setPatient(patient).setCode(code(entry))
                .setRecordedDateElement(time(entry));
        if (entry.getString("status") != null) {
            allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, entry.getString("status"),
                    null)));
        }
        allergy.setCriticality(parse(entry.getString("value"),
                AllergyIntolerance.AllergyIntoleranceCriticality::fromCode, null));
        return allergy;
    }

    /** An immunization with the details its record gave: lot, dose, route, site, manufacturer, reason, source. */
    static Immunization immunization(Document entry, Reference patient) {
        Immunization immunization = new Immunization().setPatient(patient).setVaccineCode(code(entry))
                .setOccurrence(time(entry)).setStatus(parse(entry.getString("status"),
                        Immunization.ImmunizationStatus::fromCode, Immunization.ImmunizationStatus.COMPLETED));
        immunization.setLotNumber(entry.getString("lotNumber"));
        Document dose = entry.get("dose", Document.class);
        BigDecimal amount = dose == null ? null : number(dose.getString("value"));
        if (amount != null) {
            Quantity quantity = new Quantity().setValue(amount).setUnit(dose.getString("unit"));
            if (dose.getString("unitCode") != null && "UCUM".equalsIgnoreCase(dose.getString("unitSystem"))) {
                quantity.setSystem(UCUM).setCode(dose.getString("unitCode"));
            }
            immunization.setDoseQuantity(quantity);
        }
        coded(entry, "route").ifPresent(immunization::setRoute);
        coded(entry, "site").ifPresent(immunization::setSite);
        coded(entry, "statusReason").ifPresent(immunization::setStatusReason);
        coded(entry, "reportOrigin").ifPresent(immunization::setReportOrigin);
        coded(entry, "manufacturer").ifPresent(maker -> {
            Reference manufacturer = immunization.getManufacturer().setDisplay(maker.getText());
            if (maker.hasCoding() && maker.getCodingFirstRep().hasCode()) {
                manufacturer.getIdentifier().setSystem(maker.getCodingFirstRep().getSystem())
                        .setValue(maker.getCodingFirstRep().getCode());
            }
        });
        if (entry.getBoolean("primarySource") != null) {
            immunization.setPrimarySource(entry.getBoolean("primarySource"));
        }
        if (entry.getString("expiration") != null) {
            immunization.setExpirationDateElement(new DateType(entry.getString("expiration")));
        }
        return immunization;
    }

    /** A coded detail of an entry; one the source sent as words alone becomes a concept of text only. */
    private static Optional<CodeableConcept> coded(Document entry, String field) {
        Document code = entry.get(field, Document.class);
        if (code == null) {
            return Optional.empty();
        }
        return Optional.of(code.getString("code") == null ? new CodeableConcept().setText(code.getString("display"))
                : FhirValues.concept(code));
    }
}
