package org.hiehub.api.consent;

/** Whether a directive shares (permit) or withholds (deny) what it covers, as FHIR Consent.provision.type. */
public enum ConsentProvision { PERMIT, DENY }
