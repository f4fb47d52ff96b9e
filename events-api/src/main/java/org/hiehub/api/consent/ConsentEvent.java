package org.hiehub.api.consent;

/** Every fact of the consent context: what a patient allowed or refused, and who broke the glass. */
public sealed interface ConsentEvent
        permits ConsentDirectiveRecorded, ConsentDirectiveRevoked, EmergencyAccessGranted, EmergencyAccessReviewed {
}
