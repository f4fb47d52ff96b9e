package org.hiehub.projections.clinical;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.ImmunizationRecorded;

/**
 * Which dose a withdrawal names. A sender withdraws an immunization record by sending it again as entered in error
 * (HL7 RXA-21 D; a FHIR Immunization with status entered-in-error), about the same patient. Views keep both facts,
 * each with its {@link #identity} ({@code id}: the sender's record id; {@code on}: the vaccine as sent and the
 * date given), and decide when read whether a dose stands: so the answer does not depend on which of the two
 * messages a view met first. A withdrawal names a dose by record id when both carry one, else by vaccine and date.
 */
public final class ImmunizationDoses {

    public static final String WITHDRAWN = "entered-in-error";
    /** A view entry's field holding its fact's {@link #identity}. */
    public static final String IDENTITY = "doseIdentity";
    /** The type of an immunization's view entry (timeline). */
    public static final String TYPE = "immunization";

    private ImmunizationDoses() {
    }

    /** The dose identity stored with an immunization fact: {@code {id, on}}, either null when unknown. */
    public static Document identity(ImmunizationRecorded event) {
        Coding vaccine = event.vaccine() == null || event.vaccine().codings().isEmpty() ? null
                : event.vaccine().codings().get(0);
        String on = vaccine == null || vaccine.code() == null || event.occurrence() == null
                || event.occurrence().date() == null ? null
                : vaccine.system() + "|" + vaccine.code() + "@" + event.occurrence().date();
        return new Document("id", event.recordId()).append("on", on);
    }

    /** Whether a fact of this status withdraws an earlier record rather than stating a dose. */
    public static boolean withdrawal(String status) {
        return WITHDRAWN.equalsIgnoreCase(status);
    }

    /** Whether {@code withdrawal}'s identity names the dose of identity {@code dose} (both of one source record). */
    public static boolean names(Document withdrawal, Document dose) {
        if (withdrawal == null || dose == null) {
            return false;
        }
        String id = withdrawal.getString("id");
        String doseId = dose.getString("id");
        if (id != null && doseId != null) {
            return id.equals(doseId);
        }
        return withdrawal.getString("on") != null && Objects.equals(withdrawal.getString("on"), dose.getString("on"));
    }

    /**
     * Of view entries ({@code type}, {@code status}, {@code sourceRecordId}, {@value #IDENTITY}), the identities
     * the immunization withdrawals among them name, by source record.
     */
    public static Map<String, List<Document>> withdrawalsByRecord(Collection<Document> entries) {
        Map<String, List<Document>> withdrawals = new HashMap<>();
        entries.stream().filter(e -> TYPE.equals(e.getString("type")) && withdrawal(e.getString("status")))
                .forEach(e -> withdrawals.computeIfAbsent(e.getString("sourceRecordId"), r -> new ArrayList<>())
                        .add(e.get(IDENTITY, Document.class)));
        return withdrawals;
    }

    /** Whether a view entry is an immunization dose that one of its record's {@code withdrawals} names. */
    public static boolean withdrawnEntry(Document entry, Map<String, List<Document>> withdrawals) {
        return TYPE.equals(entry.getString("type")) && !withdrawal(entry.getString("status"))
                && withdrawn(entry.get(IDENTITY, Document.class),
                withdrawals.getOrDefault(entry.getString("sourceRecordId"), List.of()));
    }

    /** The entry, or when it is a dose one of {@code withdrawals} names, a copy of it with status entered-in-error. */
    public static Document marked(Document entry, Map<String, List<Document>> withdrawals) {
        if (!withdrawnEntry(entry, withdrawals)) {
            return entry;
        }
        Document marked = new Document(entry);
        marked.put("status", WITHDRAWN);
        return marked;
    }

    /** Whether any of {@code withdrawals} names the dose. */
    public static boolean withdrawn(Document dose, Collection<Document> withdrawals) {
        return withdrawals.stream().anyMatch(w -> names(w, dose));
    }
}
