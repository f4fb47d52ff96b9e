package org.hiehub.projections.caregaps;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.ErasureGuard;
import org.hiehub.projections.support.WriteBehind;
import org.hiehub.projections.clinical.FactTime;
import org.hiehub.projections.clinical.MessageSources;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;
import org.springframework.stereotype.Component;

/**
 * Collects, per source record, the evidence the care-gap rules need. Every write is a $set of a flag or of one
 * fact's field, or a $max of a time, so the result does not depend on the order events arrive in, and a
 * re-delivered event changes nothing.
 * The rules themselves ({@link CareGapRules}) run at read time over the records linked to a patient, as of the
 * latest event time seen here, never the wall clock.
 */
@Component
@ProcessingGroup(CareGapProjection.GROUP)
public class CareGapProjection {

    public static final String GROUP = "care-gaps";
    private static final Set<String> INACTIVE = Set.of("resolved", "inactive", "remission", "entered-in-error",
            "refuted");
    private final MongoCollection<Document> evidence;
    private final MongoCollection<Document> state;
    private final WriteBehind evidenceWrites;
    private final WriteBehind stateWrites;
    private final MessageSources origins;
    private final Terminology terminology;
    private final ErasureGuard erasures;

    public CareGapProjection(MongoDatabase readStore, Terminology terminology) {
        this.evidence = readStore.getCollection(CareGapCollections.EVIDENCE);
        this.erasures = ErasureGuard.over(readStore, GROUP, CareGapCollections.ERASED,
                records -> evidence.deleteMany(in("_id", List.copyOf(records))));
        this.state = readStore.getCollection(CareGapCollections.STATE);
        this.evidenceWrites = new WriteBehind(evidence);
        this.stateWrites = new WriteBehind(state);
        this.origins = new MessageSources(readStore.getCollection(CareGapCollections.MESSAGES));
        this.terminology = terminology;
    }

    @EventHandler
    void on(MessageAccepted event, @Timestamp Instant at) {
        origins.accepted(event);
        stateWrites.upsert(eq("_id", "clock"), max("asOf", at.toEpochMilli()));
    }

    @EventHandler
    void on(ConditionRecorded event) {
        NormalisedCode code = terminology.canonical(event.code());
        boolean present = event.abatement() == null && (event.clinicalStatus() == null
                || !INACTIVE.contains(event.clinicalStatus().toLowerCase(Locale.ROOT)));
        if (present && CareGapCodes.diabetes(code)) {
            evidence(event.sourceRecordId().value(), set("diabetes", true));
        } else if (present && CareGapCodes.hypertension(code)) {
            evidence(event.sourceRecordId().value(), set("hypertension", true));
        }
    }

    @EventHandler
    void on(ObservationRecorded event) {
        NormalisedCode code = normalise(event.messageKey(), event.code());
        Instant at = FactTime.orElse(FactTime.of(event.effective(), event.issued()),
                origins.of(event.messageKey()).receivedAt());
        String field = CareGapCodes.loinc(code, CareGapCodes.HBA1C) ? "lastHbA1c"
                : CareGapCodes.loinc(code, CareGapCodes.BLOOD_PRESSURE) ? "lastBloodPressure"
                : CareGapCodes.loinc(code, CareGapCodes.STOOL_TEST) ? "lastStoolTest"
                : CareGapCodes.loinc(code, CareGapCodes.STOOL_DNA) ? "lastStoolDna" : null;
        if (field != null && at != null) {
            evidence(event.sourceRecordId().value(), max(field, at.toEpochMilli()));
        }
    }

    /**
     * An influenza dose is kept by its fact, with its identity ({@link ImmunizationDoses}); a withdrawal by its sender
     * (entered in error) is kept beside it, and the rules leave out the doses a withdrawal names. Both are $sets of
     * their own field, so neither depends on which came first.
     */
    @EventHandler
    void on(ImmunizationRecorded event) {
        String field = event.factId().replace('.', '_');
        if (ImmunizationDoses.withdrawal(event.status())) {
            evidence(event.sourceRecordId().value(), set(CareGapRules.FLU_WITHDRAWALS + "." + field,
                    ImmunizationDoses.identity(event)));
            return;
        }
        Instant at = FactTime.orElse(FactTime.of(event.occurrence()), origins.of(event.messageKey()).receivedAt());
        // a vaccine refused or not given is no evidence
        if (at != null && !SummarySelection.notGiven(event.status())
                && CareGapCodes.influenzaVaccine(terminology.canonical(event.vaccine()))) {
            evidence(event.sourceRecordId().value(), set(CareGapRules.FLU_DOSES + "." + field,
                    ImmunizationDoses.identity(event).append("t", at.toEpochMilli())));
        }
    }

    /** The person's evidence goes; their records stay tombstoned for facts another segment has yet to reach. */
    @EventHandler
    void on(PersonErased event) {
        erasures.erase(event.sourceRecordIdValues());
    }

    @ResetHandler
    void reset() {
        origins.clear();
        erasures.clear();
        evidence.deleteMany(new Document());
        state.deleteMany(new Document());
    }

    private NormalisedCode normalise(String messageKey, org.hiehub.api.clinical.Concept concept) {
        return terminology.normalise(origins.of(messageKey).sourceSystem(), concept);
    }

    /** Evidence of a source record, unless the person was erased (see {@link ErasureGuard}). */
    private void evidence(String record, Bson update) {
        if (!erasures.erased(record)) {
            // every write here is a max or a set: repeating one changes nothing, so they go as one bulk per batch
            evidenceWrites.upsert(eq("_id", record), update);
            erasures.wrote(record);
        }
    }
}
