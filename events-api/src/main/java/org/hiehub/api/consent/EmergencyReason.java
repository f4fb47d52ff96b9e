package org.hiehub.api.consent;

/** Why a clinician overrode consent; the coded reasons a privacy officer reviews against. */
public enum EmergencyReason { EMERGENCY_TREATMENT, PATIENT_UNABLE_TO_CONSENT, IMMINENT_RISK_OF_HARM, OTHER }
