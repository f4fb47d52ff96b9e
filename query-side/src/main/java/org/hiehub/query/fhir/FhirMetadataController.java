package org.hiehub.query.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /fhir/metadata}: what the read facade implements, and nothing it does not. */
@RestController
public class FhirMetadataController {

    private final FhirResponses responses;

    public FhirMetadataController(FhirResponses responses) {
        this.responses = responses;
    }

    @GetMapping(value = "/fhir/metadata", produces = {"application/fhir+json", "application/json", "*/*"})
    public ResponseEntity<String> metadata() {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.setName("HIEHubReadFacade").addFormat("application/fhir+json");
        CapabilityStatementRestComponent rest = statement.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        CapabilityStatementRestResourceComponent patient = rest.addResource().setType("Patient");
        patient.addInteraction().setCode(TypeRestfulInteraction.READ);
        patient.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        patient.addSearchParam().setName("identifier").setType(SearchParamType.TOKEN);
        patient.addSearchParam().setName("name").setType(SearchParamType.STRING)
                .setDocumentation("starts a name word, or sounds like one (Double Metaphone, Soundex)");
        patient.addSearchParam().setName("phonetic").setType(SearchParamType.STRING);
        patient.addSearchParam().setName("birthdate").setType(SearchParamType.DATE);
        patient.addSearchParam().setName("gender").setType(SearchParamType.TOKEN);
        patient.addOperation().setName("everything")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
        CapabilityStatementRestResourceComponent observation = rest.addResource().setType("Observation");
        observation.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        observation.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE);
        observation.addSearchParam().setName("code").setType(SearchParamType.TOKEN);
        observation.addSearchParam().setName("date").setType(SearchParamType.DATE);
        for (String type : new java.util.TreeSet<>(FhirClinicalSearchController.TYPES.keySet())) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            resource.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE);
            resource.addSearchParam().setName("code").setType(SearchParamType.TOKEN);
            resource.addSearchParam().setName("date").setType(SearchParamType.DATE);
        }
        return responses.of(org.springframework.http.HttpStatus.OK, statement, null);
    }
}
