package org.hiehub.hub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.hiehub.command.identity.matching.engine.MatchPolicy;
import org.hiehub.command.identity.matching.engine.MatchThresholds;
import org.hiehub.command.identity.matching.engine.MatchTier;
import org.hiehub.command.identity.matching.fellegisunter.FellegiSunterModel;
import org.hiehub.command.identity.matching.fellegisunter.ModelFile;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code match-eval}: measures the hub's matching engine on CSV files with ground truth. Progress goes to stderr;
 * the last stdout line is one JSON object with pairwise precision, recall and F1 (links = auto-link + review),
 * per-tier precision, and matching throughput.
 */
@Command(name = "match-eval", mixinStandardHelpOptions = true,
        description = "Evaluate the MPI matching engine on CSV data with ground truth (no database needed).")
final class MatchEvalCommand implements Callable<Integer> {

    @Option(names = "--left", required = true, description = "CSV file (alone: find duplicates within it)")
    Path left;
    @Option(names = "--right", description = "second CSV file: link its records to --left")
    Path right;
    @Option(names = "--id-column", required = true)
    String idColumn;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Truth truth;
    @Option(names = "--map", required = true, description = "field=column,... fields: given, family, dob, sex, "
            + "street_number, address1, address2, city, postcode, state, ssn, phone, email, mrn")
    String map;
    @Option(names = "--model", description = "m/u model (properties) to use instead of estimating by EM")
    Path model;
    @Option(names = "--save-model", description = "write the EM-estimated model here")
    Path saveModel;
    @Option(names = "--auto-link", defaultValue = "95")
    double autoLink;
    @Option(names = "--review", defaultValue = "80")
    double review;
    @Option(names = "--suggest", defaultValue = "60")
    double suggest;
    @Option(names = "--conflict-cap", defaultValue = "REVIEW",
            description = "best tier when SSNs, same-authority identifiers or multiple-birth orders conflict: REVIEW"
                    + " (hub default: linked, always for a steward), SUGGEST (never link), or AUTO_LINK (no cap)")
    MatchTier conflictCap;
    @Option(names = "--max-candidates", defaultValue = "50")
    int maxCandidates;
    @Option(names = "--max-block-size", defaultValue = "2000")
    int maxBlockSize;

    static final class Truth {
        @Option(names = "--truth", description = "regex:<pattern> whose group 1 of the id is the true person")
        String regex;
        @Option(names = "--truth-column", description = "column holding the true person (cluster)")
        String column;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream progress = System.err;
        ColumnMapping mapping = ColumnMapping.parse(map);
        GroundTruth groundTruth = truth.regex != null ? GroundTruth.regex(truth.regex)
                : GroundTruth.column(truth.column);
        LinkageEvaluation.Side leftSide = side(left, mapping, groundTruth, progress);
        LinkageEvaluation.Side rightSide = right == null ? null : side(right, mapping, groundTruth, progress);
        FellegiSunterModel configured = null;
        if (model != null) {
            try (Reader in = Files.newBufferedReader(model)) {
                configured = ModelFile.read(in, PersonComparators.standard());
            }
        }
        LinkageEvaluation evaluation = new LinkageEvaluation(maxBlockSize, maxCandidates, progress);
        MatchPolicy policy = new MatchPolicy(new MatchThresholds(autoLink, review, suggest), conflictCap);
        if (configured == null) {
            configured = evaluation.train(leftSide, rightSide == null ? leftSide : rightSide, rightSide == null);
            if (saveModel != null) {
                try (Writer out = Files.newBufferedWriter(saveModel)) {
                    ModelFile.write(configured, "estimated by match-eval (u: random pairs, m and lambda: EM) on "
                            + left.getFileName() + (right == null ? "" : " x " + right.getFileName()), out);
                }
            }
        }
        progress.println("matching");
        LinkageEvaluation.EvaluationResult result = evaluation.run(leftSide, rightSide, configured, policy);
        progress.printf("candidate pairs %d, true pairs among them %d of %d (blocking recall %.4f)%n",
                result.candidatePairs, result.trueCandidatePairs, result.truePairs,
                result.truePairs == 0 ? 0 : (double) result.trueCandidatePairs / result.truePairs);
        System.out.println(new ObjectMapper().writeValueAsString(report(result)));
        return 0;
    }

    private LinkageEvaluation.Side side(Path file, ColumnMapping mapping, GroundTruth groundTruth,
                                        PrintStream progress) throws IOException {
        CsvTable table = CsvTable.read(file);
        ColumnMapping.RowReader reader = mapping.reader(table);
        Map<String, Integer> index = table.columnIndex();
        List<MatchProfile> profiles = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        for (List<String> row : table.rows()) {
            profiles.add(MatchProfiles.from(reader.demographics(row)));
            persons.add(groundTruth.personOf(row, index, idColumn));
        }
        progress.println("read " + profiles.size() + " records from " + file.getFileName());
        return new LinkageEvaluation.Side(profiles, persons);
    }

    private static Map<String, Object> report(LinkageEvaluation.EvaluationResult result) {
        long[] auto = result.tiers.get(MatchTier.AUTO_LINK);
        long[] review = result.tiers.get(MatchTier.REVIEW);
        long predicted = auto[0] + review[0];
        long correct = auto[1] + review[1];
        double precision = ratio(correct, predicted);
        double recall = ratio(correct, result.truePairs);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pairs_true", result.truePairs);
        report.put("pairs_predicted", predicted);
        report.put("precision", round(precision));
        report.put("recall", round(recall));
        report.put("f1", round(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
        Map<String, Object> tiers = new LinkedHashMap<>();
        tiers.put("auto", tier(auto));
        tiers.put("review", tier(review));
        tiers.put("suggest", tier(result.tiers.get(MatchTier.SUGGEST)));
        report.put("tiers", tiers);
        report.put("records_per_second", Math.round(result.recordsPerSecond));
        return report;
    }

    private static Map<String, Object> tier(long[] counts) {
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("precision", round(ratio(counts[1], counts[0])));
        tier.put("pairs", counts[0]);
        return tier;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
