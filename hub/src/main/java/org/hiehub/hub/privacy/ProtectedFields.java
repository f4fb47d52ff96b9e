package org.hiehub.hub.privacy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/**
 * Which top-level JSON properties of an event type hold personal data, and which names the data subject.
 * Read once per type from the record's {@link PersonalData} and {@link DataSubject} annotations.
 */
record ProtectedFields(String subject, List<String> personal) {

    private static final ProtectedFields NONE = new ProtectedFields(null, List.of());
    private static final ClassValue<ProtectedFields> CACHE = new ClassValue<>() {
        @Override
        protected ProtectedFields computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    static ProtectedFields of(Class<?> type) {
        return type == null ? NONE : CACHE.get(type);
    }

    boolean any() {
        return !personal.isEmpty();
    }

    private static ProtectedFields inspect(Class<?> type) {
        if (!type.isRecord()) {
            return NONE;
        }
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                personal.add(component.getName());
            }
        }
        if (!personal.isEmpty() && subject == null) {
            // Fail at the first use rather than write personal data nobody could ever erase.
            throw new IllegalStateException(type.getName() + " has @PersonalData fields but no @DataSubject");
        }
        return personal.isEmpty() ? NONE : new ProtectedFields(subject, List.copyOf(personal));
    }
}
