package org.hiehub.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that holds personal data (names, birth date, identifiers, addresses, contacts).
 * Such a field never reaches the event store in clear: it is encrypted with the key of the event's
 * {@link DataSubject}, so destroying that key erases the person from the immutable log (crypto-shredding).
 * Only top-level record components of an event are inspected.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface PersonalData {
}
