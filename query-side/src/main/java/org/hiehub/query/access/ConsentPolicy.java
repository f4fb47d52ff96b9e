package org.hiehub.query.access;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.consent.ConsentCollections;
import org.hiehub.projections.consent.ConsentProjection;
import org.hiehub.query.freshness.ComposedAnswers;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.freshness.ViewState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import com.mongodb.client.MongoDatabase;

/**
 * Decides, from a patient's directives and any break-the-glass access, what a caller may see. Rules, in order:
 * an unexpired break-the-glass access by this caller opens everything; a directive applies when it is in force
 * today and names the caller's organization and purpose (or none); under opt-out a deny without categories hides
 * the patient, a deny with categories hides those; a permit naming the caller's organization overrides a deny
 * (the patient's explicit exception); under opt-in nothing is shown until a permit applies.
 */
@Component
public class ConsentPolicy {

    private static final List<String> CONSENT_VIEW = List.of(ConsentProjection.GROUP);
    private final MongoDatabase readStore;
    private final SensitiveCodes codes;
    private final ConsentProperties properties;
    private final Clock clock;
    private final ViewFreshness freshness;
    private final ComposedAnswers<Optional<Document>> files;

    @Autowired
    public ConsentPolicy(MongoDatabase readStore, ConsentProperties properties, ViewFreshness freshness,
                         @Value("${hub.query.composed-answers:1000}") int keptFiles) {
        this(readStore, properties, Clock.systemUTC(), freshness, keptFiles);
    }

    ConsentPolicy(MongoDatabase readStore, ConsentProperties properties, Clock clock, ViewFreshness freshness,
                  int keptFiles) {
        this.readStore = readStore;
        this.properties = properties;
        this.codes = new SensitiveCodes(properties.categories());
        this.clock = clock;
        this.freshness = freshness;
        this.files = new ComposedAnswers<>(keptFiles);
    }

    public SensitiveCodes codes() {
        return codes;
    }

    public AccessDecision decide(Caller caller, String masterPatientId) {
        Document file = consentFile(masterPatientId);
        Document emergency = file == null ? null : file.getList(ConsentProjection.EMERGENCY_ACCESS_FIELD,
                        Document.class, List.of()).stream()
                .filter(a -> caller.user().equals(a.getString("clinician")))
                .filter(a -> a.get("expiresAtMillis", Number.class).longValue() > clock.millis())
                .findFirst().orElse(null);
        if (emergency != null) {
            return new AccessDecision(masterPatientId, AccessDecision.Outcome.BREAK_THE_GLASS, Set.of(),
                    emergency.getString("accessId"), codes);
        }
        List<Document> applicable = file == null ? List.of() : file.getList("directives", Document.class, List.of())
                .stream().filter(d -> inForce(d) && appliesTo(d, caller)).toList();
        boolean hideAll = properties.optIn();
        Set<String> hidden = new HashSet<>();
        for (Document d : applicable) {
            List<String> categories = d.getList("categories", String.class, List.of());
            if ("deny".equals(d.getString("provision"))) {
                hideAll |= categories.isEmpty();
                hidden.addAll(categories);
            }
        }
        for (Document d : applicable) {
            List<String> categories = d.getList("categories", String.class, List.of());
            boolean namesCaller = !d.getList("organizations", String.class, List.of()).isEmpty();
            if ("permit".equals(d.getString("provision")) && (properties.optIn() || namesCaller)) {
                hideAll = false;
                if (namesCaller) {
                    hidden.removeAll(categories.isEmpty() ? Set.copyOf(hidden) : categories);
                }
            }
        }
        AccessDecision.Outcome outcome = hideAll ? AccessDecision.Outcome.DENIED
                : hidden.isEmpty() ? AccessDecision.Outcome.ALLOWED : AccessDecision.Outcome.RESTRICTED;
        return new AccessDecision(masterPatientId, outcome, Set.copyOf(hidden), null, codes);
    }

    /**
     * The patient's consent file: directives and every break-the-glass grant, in one document. Every read of every
     * patient needs it, and it changes only when the consent view handles an event, so it is kept while that view
     * stays in the state it was read at (taken before the read, as the request's other views are). The decision is
     * still made on every request, from the file, the caller and the clock: an expired grant or directive stops
     * counting at once, and a new directive or grant counts as soon as the view has it.
     */
    private Document consentFile(String masterPatientId) {
        ViewState state = freshness.state(CONSENT_VIEW);
        Optional<Document> kept = files.get(masterPatientId, state);
        if (kept != null) {
            return kept.orElse(null);
        }
        Document file = readStore.getCollection(ConsentCollections.DIRECTIVES).find(eq("_id", masterPatientId))
                .first();
        files.put(masterPatientId, state, Optional.ofNullable(file));
        return file;
    }

    private boolean inForce(Document directive) {
        if (Boolean.TRUE.equals(directive.getBoolean("revoked"))) {
            return false;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String effective = directive.getString("effective");
        String expires = directive.getString("expires");
        return (effective == null || !LocalDate.parse(effective).isAfter(today))
                && (expires == null || today.isBefore(LocalDate.parse(expires)));
    }

    private static boolean appliesTo(Document directive, Caller caller) {
        List<String> organizations = directive.getList("organizations", String.class, List.of());
        List<String> purposes = directive.getList("purposes", String.class, List.of());
        return (organizations.isEmpty() || organizations.contains(caller.organization()))
                && (purposes.isEmpty() || purposes.contains(caller.purpose()));
    }
}
