package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The one FHIR R4 context of the JVM. Creating one is cheap but its first parse costs seconds (model scanning,
 * class loading, cold JIT: 1.8–7.8 s measured in the HAPI spike), and each new context scans again; so there is
 * exactly one, and it is warmed on a background thread once the application is up, off any request's path.
 */
@Configuration(proxyBeanMethods = false)
public class FhirConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FhirConfiguration.class);

    /** Every type the ingest path parses or writes; the scan of a type happens on its first use. */
    private static final String WARM_UP_BUNDLE = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","birthDate":"1970-01-01",
              "name":[{"family":"Warm","given":["Up"]}],"identifier":[{"system":"urn:x","value":"1"}]}},
             {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"urn:uuid:1"},
              "code":{"text":"x"},"effectiveDateTime":"2020-01-01T00:00:00Z","valueQuantity":{"value":1}}},
             {"resource":{"resourceType":"Encounter","status":"finished","subject":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
              "subject":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"MedicationStatement","status":"active","subject":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"AllergyIntolerance","patient":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"Immunization","status":"completed","patient":{"reference":"urn:uuid:1"}}},
             {"resource":{"resourceType":"Medication"}},{"resource":{"resourceType":"DiagnosticReport"}},
             {"resource":{"resourceType":"Claim"}},{"resource":{"resourceType":"ExplanationOfBenefit"}},
             {"resource":{"resourceType":"Procedure"}},{"resource":{"resourceType":"CarePlan"}},
             {"resource":{"resourceType":"Organization"}},{"resource":{"resourceType":"Practitioner"}}]}""";

    @Bean
    public FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warmUp(ApplicationReadyEvent ready) {
        FhirReader reader = ready.getApplicationContext().getBean(FhirReader.class);
        Thread warmer = new Thread(() -> warm(reader), "fhir-warm-up");
        warmer.setDaemon(true);
        warmer.start();
    }

    static void warm(FhirReader reader) {
        long started = System.nanoTime();
        try {
            reader.read(WARM_UP_BUNDLE);
            reader.context().newJsonParser().encodeResourceToString(new OperationOutcome());
            log.info("FHIR R4 context warmed in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("FHIR R4 warm-up failed ({}); the first request will pay the scan", e.getClass().getSimpleName());
        }
    }
}
