package org.hiehub.projections.consent;

/** The consent view's collections: the query side's consent enforcement reads them on every patient read. */
public final class ConsentCollections {

    /** One document per master patient: {@code {_id, directives: [{directiveId, provision, …, revoked}]}}. */
    public static final String DIRECTIVES = "consent_directives";
    /** One document per break-the-glass access: who, which patient, why, until when, and its review. */
    public static final String EMERGENCY_ACCESS = "emergency_access";

    private ConsentCollections() {
    }
}
