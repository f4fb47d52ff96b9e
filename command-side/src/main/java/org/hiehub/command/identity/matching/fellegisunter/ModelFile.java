package org.hiehub.command.identity.matching.fellegisunter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.hiehub.command.identity.matching.compare.FieldComparator;

/**
 * Reads and writes a model as properties ({@code lambda}, {@code <field>.m}, {@code <field>.u}), so parameters
 * trained by {@code match-eval} can be reviewed, versioned and configured into the hub.
 */
public final class ModelFile {

    private ModelFile() {
    }

    public static void write(FellegiSunterModel model, String comment, Writer out) {
        try {
            out.write("# " + comment + "\n");
            out.write("lambda=" + model.lambda() + "\n");
            for (ComparisonParameters p : model.comparisons()) {
                out.write(p.field() + ".m=" + join(p.m()) + "\n");
                out.write(p.field() + ".u=" + join(p.u()) + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model for these comparators, in their order; fails when a field is missing or its levels differ. */
    public static <T> FellegiSunterModel read(Reader in, List<FieldComparator<T>> comparators) {
        Properties properties = new Properties();
        try {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ComparisonParameters> comparisons = new ArrayList<>();
        for (FieldComparator<T> comparator : comparators) {
            double[] m = parse(properties, comparator.field() + ".m");
            double[] u = parse(properties, comparator.field() + ".u");
            if (m.length != comparator.levels().size()) {
                throw new IllegalArgumentException(comparator.field() + ": model has " + m.length + " levels, "
                        + "comparator " + comparator.levels().size());
            }
            comparisons.add(new ComparisonParameters(comparator.field(), m, u));
        }
        return new FellegiSunterModel(Double.parseDouble(required(properties, "lambda")), comparisons);
    }

    private static double[] parse(Properties properties, String key) {
        return Arrays.stream(required(properties, key).split(",")).map(String::trim)
                .mapToDouble(Double::parseDouble).toArray();
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("model lacks " + key);
        }
        return value;
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
