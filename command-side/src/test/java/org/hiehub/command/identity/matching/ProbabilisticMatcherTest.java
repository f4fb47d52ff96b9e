package org.hiehub.command.identity.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.index.BlockingKeys;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.index.IdentityIndex.IndexedRecord;
import org.hiehub.command.identity.matching.engine.MatchTier;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's matcher on a small in-memory index (the PostgreSQL index and the HMAC key are stubbed). */
class ProbabilisticMatcherTest {

    private static final SourceRecordId INCOMING = SourceRecordId.of("sr-incoming");
    private final IdentityIndex index = mock(IdentityIndex.class);
    private final BlockingKeys blockingKeys = mock(BlockingKeys.class);
    private final List<IndexedRecord> indexed = new ArrayList<>();
    private ProbabilisticMatcher matcher;

    @BeforeEach
    void setUp() {
        when(blockingKeys.of(any(MatchProfile.class)))
                .thenReturn(Set.of("k"));
        when(index.candidates(any(), eq(INCOMING), anyInt())).thenAnswer(call -> indexed);
        matcher = new ProbabilisticMatcher(index, blockingKeys,
                Engines.hubDefault(),
                new MpiProperties(95, 80, 60, MatchTier.SUGGEST, 50, "unused"));
    }

    @Test
    void links_a_source_record_above_the_auto_link_threshold() {
        MasterPatientId harrington = file("sr-1", Profiles.person());
        file("sr-2", Profiles.person().given("Olive").family("Quinn").born(1990, 1, 2));

        MatchOutcome outcome = matcher.match(INCOMING, Profiles.person().given("Bill").demographics());

        assertThat(outcome).isInstanceOfSatisfying(MatchOutcome.LinkTo.class, link -> {
            assertThat(link.masterPatientId()).isEqualTo(harrington);
            assertThat(link.confidence()).isGreaterThanOrEqualTo(95);
            assertThat(link.method()).isEqualTo(LinkMethod.PROBABILISTIC);
        });
    }

    @Test
    void a_shared_ssn_links_with_the_identifier_method() {
        MasterPatientId patient = file("sr-1", Profiles.person().ssn("123456789"));

        MatchOutcome outcome = matcher.match(INCOMING, Profiles.person().ssn("123-45-6789").demographics());

        assertThat(outcome).isInstanceOfSatisfying(MatchOutcome.LinkTo.class, link -> {
            assertThat(link.masterPatientId()).isEqualTo(patient);
            assertThat(link.confidence()).isGreaterThanOrEqualTo(99);
            assertThat(link.method()).isEqualTo(LinkMethod.IDENTIFIER);
        });
    }

    @Test
    void founds_a_new_patient_when_the_best_candidate_is_below_the_link_tiers() {
        file("sr-1", Profiles.person().given("Olive").born(1990, 1, 2).street("7 Kent Rd").postcode("2530"));

        assertThat(matcher.match(INCOMING, Profiles.person().demographics()))
                .isInstanceOf(MatchOutcome.NewPatient.class);
    }

    @Test
    void founds_a_new_patient_when_the_ssns_conflict() {
        file("sr-1", Profiles.person().ssn("123456789"));

        assertThat(matcher.match(INCOMING, Profiles.person().ssn("987654321").demographics()))
                .isInstanceOf(MatchOutcome.NewPatient.class);
    }

    @Test
    void a_record_matching_two_master_patients_links_below_the_auto_link_threshold_for_review() {
        file("sr-1", Profiles.person());
        file("sr-2", Profiles.person());

        MatchOutcome outcome = matcher.match(INCOMING, Profiles.person().demographics());

        assertThat(outcome).isInstanceOfSatisfying(MatchOutcome.LinkTo.class,
                link -> assertThat(link.confidence()).isLessThan(95).isGreaterThanOrEqualTo(80));
    }

    private MasterPatientId file(String record, Profiles person) {
        MasterPatientId patient = MasterPatientId.random();
        indexed.add(new IndexedRecord(SourceRecordId.of(record), patient, person.profile()));
        return patient;
    }
}
