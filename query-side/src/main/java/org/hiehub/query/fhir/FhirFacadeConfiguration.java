package org.hiehub.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query role's FhirContext. Building one scans the model and is costly, so a process holds one: when the
 * command role runs alongside (imported first by the hub application), its context is reused.
 */
@Configuration(proxyBeanMethods = false)
public class FhirFacadeConfiguration {

    @Bean
    @ConditionalOnMissingBean(FhirContext.class)
    public FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
