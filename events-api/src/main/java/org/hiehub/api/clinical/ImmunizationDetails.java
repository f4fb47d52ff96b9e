package org.hiehub.api.clinical;

/**
 * What an immunization record says of the dose beyond the vaccine, its time and lot, each as sent (null when not
 * sent): the amount given ({@code dose}; HL7 RXA-6/7, FHIR doseQuantity), {@code route} and {@code site} (RXR-1/2,
 * FHIR route and site), the {@code manufacturer} (RXA-17, an MVX code; FHIR manufacturer), why it was not given
 * ({@code statusReason}: RXA-18 refusal reason, FHIR statusReason), whether the sender gave it itself
 * ({@code primarySource}: RXA-9 "00" new record, FHIR primarySource) or reports it from elsewhere
 * ({@code reportOrigin}: RXA-9's historical source, FHIR reportOrigin), and the lot's {@code expiration} (RXA-16,
 * FHIR expirationDate).
 */
public record ImmunizationDetails(Measurement dose, Concept route, Concept site, Concept manufacturer,
                                  Concept statusReason, Boolean primarySource, Concept reportOrigin,
                                  ClinicalTime expiration) {

    /** Nothing said beyond the vaccine: what an event stored at revision 1 reads as. */
    public static final ImmunizationDetails NONE = new ImmunizationDetails(null, null, null, null, null, null, null,
            null);
}
