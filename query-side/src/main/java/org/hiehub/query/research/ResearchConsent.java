package org.hiehub.query.research;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Research consent as the consent read model states it ({@code consent_directives}, one document per master
 * patient). The hub's model is opt-out: a person is shared unless an active deny directive covers research. A deny
 * that names no purposes covers every purpose. A deny limited to some categories or organisations also excludes
 * the whole person here: the export cannot yet drop single categories, and leaving someone out is the safe side.
 */
final class ResearchConsent {

    static final String DIRECTIVES = "consent_directives";
    private final MongoDatabase readStore;

    ResearchConsent(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    /** Of the given master patients, those whose consent denies research on {@code today}. */
    Set<String> denied(Collection<String> masterPatientIds, LocalDate today) {
        Set<String> denied = new HashSet<>();
        if (masterPatientIds.isEmpty()) {
            return denied;
        }
        for (Document consent : readStore.getCollection(DIRECTIVES).find(in("_id", List.copyOf(masterPatientIds)))) {
            List<Document> directives = consent.getList("directives", Document.class, List.of());
            if (directives.stream().anyMatch(d -> deniesResearch(d, today))) {
                denied.add(String.valueOf(consent.get("_id")));
            }
        }
        return denied;
    }

    static boolean deniesResearch(Document directive, LocalDate today) {
        if (!"deny".equals(directive.getString("provision")) || Boolean.TRUE.equals(directive.getBoolean("revoked"))) {
            return false;
        }
        String effective = directive.getString("effective");
        String expires = directive.getString("expires");
        if (effective != null && LocalDate.parse(effective).isAfter(today)) {
            return false;
        }
        if (expires != null && !LocalDate.parse(expires).isAfter(today)) {
            return false;
        }
        List<String> purposes = directive.getList("purposes", String.class, List.of());
        return purposes.isEmpty() || purposes.contains("research");
    }
}
