package org.hiehub.query.access;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent enforcement ({@code hub.consent.*}).
 *
 * @param model {@code opt-out} (shared unless a deny directive covers it; the usual HIE model) or {@code opt-in}
 *     (nothing shared until a permit directive covers it)
 * @param categories sensitive data categories by code: {@code family:code}, where family is {@code icd10}
 *     (matched as a prefix, so {@code F1} is F10–F19), {@code snomed}, {@code loinc} or {@code rxnorm} (exact)
 */
@ConfigurationProperties("hub.consent")
public record ConsentProperties(@DefaultValue("opt-out") String model,
                                @DefaultValue Map<String, List<String>> categories) {

    public boolean optIn() {
        return "opt-in".equalsIgnoreCase(model);
    }
}
