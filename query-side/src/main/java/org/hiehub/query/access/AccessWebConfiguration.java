package org.hiehub.query.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the access audit around every patient-data path of the read API and the FHIR facade. */
@Configuration
public class AccessWebConfiguration implements WebMvcConfigurer {

    private final AccessAuditInterceptor audit;

    public AccessWebConfiguration(AccessAuditInterceptor audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(audit).addPathPatterns(AccessAuditInterceptor.PATIENT_DATA);
    }
}
