package org.hiehub.hub.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.hiehub.api.identity.Demographics;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.engine.MatchPolicy;
import org.hiehub.command.identity.matching.fellegisunter.FellegiSunterModel;
import org.hiehub.command.identity.matching.fellegisunter.ModelFile;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code match-bench}: matching throughput against a large index. Builds an index of synthetic people seeded
 * from a FEBRL file, then matches incoming records (half noisy copies of indexed people, half new people) the
 * way the hub does — blocking, candidate ranking, scoring, and the full decision for the best candidate — and
 * prints incoming records per second as the last stdout line (JSON).
 */
@Command(name = "match-bench", mixinStandardHelpOptions = true,
        description = "Measure matching throughput against an in-memory index of N synthetic people.")
final class MatchBenchCommand implements Callable<Integer> {

    @Option(names = "--seed-file", required = true, description = "FEBRL-format CSV whose values seed the people")
    Path seedFile;
    @Option(names = "--index-size", defaultValue = "100000")
    int indexSize;
    @Option(names = "--incoming", defaultValue = "20000")
    int incoming;
    @Option(names = "--max-candidates", defaultValue = "50")
    int maxCandidates;
    @Option(names = "--max-block-size", defaultValue = "2000")
    int maxBlockSize;

    @Override
    public Integer call() throws IOException {
        CsvTable table = CsvTable.read(seedFile);
        ColumnMapping.RowReader reader = ColumnMapping.parse("given=given_name,family=surname,dob=date_of_birth,"
                + "street_number=street_number,address1=address_1,address2=address_2,city=suburb,postcode=postcode,"
                + "state=state,ssn=soc_sec_id").reader(table);
        List<Demographics> seeds = table.rows().stream().map(reader::demographics).toList();
        SyntheticPeople people = new SyntheticPeople(seeds, 2024);
        MatchEngine engine = new MatchEngine(PersonComparators.standard(), defaultModel(), MatchPolicy.DEFAULTS);

        InMemoryMatcher matcher = new InMemoryMatcher(maxBlockSize, maxCandidates);
        List<Demographics> indexed = new ArrayList<>(indexSize);
        for (int i = 0; i < indexSize; i++) {
            Demographics person = people.person();
            indexed.add(person);
            matcher.add(MatchProfiles.from(person));
        }
        System.err.println("indexed " + indexSize + " synthetic people");
        List<Demographics> arrivals = new ArrayList<>(incoming);
        for (int i = 0; i < incoming; i++) {
            arrivals.add(i % 2 == 0 ? people.noisyCopy(indexed.get(i * 7 % indexSize)) : people.person());
        }
        long candidates = 0;
        int linked = 0;
        // The machine is shared: wall-clock rates swing with other processes' load, the thread's CPU time does not.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (Demographics arrival : arrivals) {
            MatchProfile profile = MatchProfiles.from(arrival);
            List<InMemoryMatcher.Scored> scored = matcher.match(profile, engine);
            candidates += scored.size();
            var best = scored.stream().max(Comparator.comparingDouble(s -> s.score().confidence()));
            if (best.isPresent() && engine.decide(String.valueOf(best.get().candidate()), profile,
                    matcher.profile(best.get().candidate())).tier().links()) {
                linked++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        System.err.printf("%d incoming records in %.2f s, %.1f candidates each, %d linked%n", incoming, seconds,
                (double) candidates / incoming, linked);
        System.out.printf("{\"index_size\":%d,\"incoming\":%d,\"candidates_per_record\":%.1f,\"linked\":%d,"
                + "\"records_per_second\":%d,\"records_per_cpu_second\":%d}%n", indexSize, incoming,
                (double) candidates / incoming, linked, Math.round(incoming / seconds),
                Math.round(incoming / cpuSeconds));
        return 0;
    }

    private static FellegiSunterModel defaultModel() throws IOException {
        try (Reader in = new InputStreamReader(MatchBenchCommand.class.getResourceAsStream(
                "/mpi/default-model.properties"), StandardCharsets.UTF_8)) {
            return ModelFile.read(in, PersonComparators.standard());
        }
    }
}
