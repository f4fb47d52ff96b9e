package org.hiehub.command.identity.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The MPI's candidate lookup on the real PostgreSQL schema: its ranking, and a plan that probes the indexes when the
 * keys are common. The index is filled directly (rows as {@link IdentityIndexUpdater} writes them) with a prefix of
 * its own and removed afterwards, since the hub's other tests share the database. (In the hub module, in the index's package, because only
 * the hub has the schema.)
 */
@HubIntegrationTest
class CandidateLookupTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IdentityIndex index;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String profile = MatchProfileJson.write(MatchProfiles.from(new Demographics(
            List.of(PersonName.of("Okafor", "Ada")), LocalDate.of(1980, 2, 3), "female", List.of(), List.of(),
            List.of(), null, null)));

    /** A growing hub's shape, analysed: 1,500 records under 12 keys each, every key shared by 20 records. */
    private void fileCrowd() {
        List<Object[]> records = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        for (int r = 0; r < 1500; r++) {
            records.add(new Object[] {id("crowd-" + r), "mp-" + run + "-" + r, profile});
            for (int k = 0; k < 12; k++) {
                keys.add(new Object[] {key("crowd-" + k + "-" + r / 20), id("crowd-" + r)});
            }
        }
        jdbc.batchUpdate("insert into mpi_source_record(source_record_id, source_system, master_patient_id, "
                + "match_profile, last_sequence) values (?, 'CROWD', ?, cast(? as jsonb), 0)", records);
        jdbc.batchUpdate("insert into mpi_blocking_key(key_hash, source_record_id) values (?, ?)", keys);
        jdbc.execute("analyze mpi_source_record");
        jdbc.execute("analyze mpi_blocking_key");
    }

    @AfterEach
    void removeRows() {
        jdbc.update("delete from mpi_blocking_key where source_record_id like ?", id("%"));
        jdbc.update("delete from mpi_source_record where source_record_id like ?", id("%"));
    }

    @Test
    void ranks_linked_records_by_shared_keys_and_leaves_out_the_asker_and_records_it_cannot_compare() {
        file("three", "mp-three", profile, "a", "b", "c");
        file("two", "mp-two", profile, "a", "b");
        file("one", "mp-one", profile, "c");
        file("unlinked", null, profile, "a", "b");
        file("no-profile", "mp-no-profile", null, "c");
        file("asker", "mp-asker", profile, "a", "b", "c");

        List<String> all = found(index.candidates(keys("a", "b", "c", "z"), SourceRecordId.of(id("asker")), 10));
        List<String> best = found(index.candidates(keys("a", "b", "c"), SourceRecordId.of(id("asker")), 2));

        assertThat(all).containsExactly(id("three"), id("two"), id("one"));
        assertThat(best).containsExactly(id("three"), id("two"));
        assertThat(index.candidates(List.of(), SourceRecordId.of(id("asker")), 10)).isEmpty();
    }

    @Test
    void common_keys_are_looked_up_through_the_indexes_not_by_scanning_the_tables() {
        fileCrowd();
        List<String> probe = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            probe.add(key("crowd-" + k + "-7"));
        }

        List<String> plan = jdbc.query(con -> {
            var statement = con.prepareStatement("explain " + IdentityIndex.CANDIDATES);
            Array keys = con.createArrayOf("text", probe.toArray());
            statement.setArray(1, keys);
            statement.setString(2, id("crowd-140"));
            statement.setInt(3, 200);
            return statement;
        }, (rs, row) -> rs.getString(1));

        assertThat(plan).as(String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan"));
        assertThat(index.candidates(probe, SourceRecordId.of(id("crowd-140")), 200)).hasSize(19);
    }

    private void file(String record, String patient, String matchProfile, String... keyNames) {
        jdbc.update("insert into mpi_source_record(source_record_id, source_system, master_patient_id, match_profile, "
                + "last_sequence) values (?, 'TEST', ?, cast(? as jsonb), 0)", id(record),
                patient == null ? null : patient + "-" + run, matchProfile);
        for (String name : keyNames) {
            jdbc.update("insert into mpi_blocking_key(key_hash, source_record_id) values (?, ?)", key(name), id(record));
        }
    }

    private List<String> keys(String... names) {
        return List.of(names).stream().map(this::key).toList();
    }

    private static List<String> found(List<IdentityIndex.IndexedRecord> candidates) {
        return candidates.stream().map(c -> c.sourceRecordId().value()).toList();
    }

    private String id(String name) {
        return "sr-" + run + "-" + name;
    }

    private String key(String name) {
        return "key-" + run + "-" + name;
    }
}
