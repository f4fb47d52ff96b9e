package org.hiehub.api.identity;

/** How a source record came to be linked to a master patient; auditors read this beside the confidence. */
public enum LinkMethod {
    /** No earlier record matched: the source record founded a new master patient. */
    NEW_PATIENT,
    /** A shared identifier (e.g. SSN, or an MRN of the same assigning authority) was already linked. */
    IDENTIFIER,
    /** Probabilistic (Fellegi–Sunter) match above the auto-link threshold. */
    PROBABILISTIC,
    /** A data steward decided. */
    STEWARD,
    /** The source itself merged two of its records (HL7 ADT^A40). */
    SOURCE_MERGE
}
