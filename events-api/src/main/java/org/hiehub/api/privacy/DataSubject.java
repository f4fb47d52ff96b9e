package org.hiehub.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the event field naming whose key encrypts the event's {@link PersonalData}. It must be a pseudonymous
 * id (never personal data itself), because it stays readable after the key is destroyed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface DataSubject {
}
