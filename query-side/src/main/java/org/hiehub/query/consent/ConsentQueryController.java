package org.hiehub.query.consent;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.consent.ConsentCollections;
import org.hiehub.query.access.AccessRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A patient's consent directives, and the break-the-glass accesses a privacy officer reviews. */
@RestController
public class ConsentQueryController {

    private final MongoDatabase readStore;

    public ConsentQueryController(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    @GetMapping("/api/consents/{masterPatientId}")
    public Document directives(@PathVariable String masterPatientId) {
        Document file = readStore.getCollection(ConsentCollections.DIRECTIVES).find(eq("_id", masterPatientId))
                .first();
        List<Document> directives = file == null ? List.of() : file.getList("directives", Document.class, List.of());
        AccessRecord.current().touched(masterPatientId);
        AccessRecord.current().returned("ConsentDirective", directives.size());
        return new Document("masterPatientId", masterPatientId).append("directives", directives);
    }

    /** Break-the-glass accesses, newest first; {@code reviewed=false} is the privacy officer's alert list. */
    @GetMapping("/api/break-glass")
    public Document emergencyAccesses(@RequestParam(required = false) Boolean reviewed,
                                      @RequestParam(defaultValue = "100") int limit) {
        List<Document> all = readStore.getCollection(ConsentCollections.EMERGENCY_ACCESS).find()
                .into(new ArrayList<>()).stream()
                .filter(a -> reviewed == null || reviewed.equals(a.getBoolean("reviewed")))
                .sorted(Comparator.comparing((Document a) -> a.getString("grantedAt")).reversed())
                .limit(Math.max(1, Math.min(limit, 1000)))
                .map(a -> {
                    Document shown = new Document(a);
                    shown.put("accessId", shown.remove("_id"));
                    shown.remove("expiresAtMillis");
                    return shown;
                }).toList();
        return new Document("total", all.size()).append("accesses", all);
    }
}
