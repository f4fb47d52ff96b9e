package org.hiehub.hub.bench;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks for the benchmarks' options. A value out of range is refused with the option's name and its range
 * (exit 2 and the usage, as for an unknown option), never clamped: a clamped {@code --connections 20} ran 16 and
 * printed figures for a run nobody asked for.
 */
final class OptionBounds {

    private OptionBounds() {
    }

    static int within(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    "%s must be from %d to %d, not %d".formatted(option, min, max, value));
        }
        return value;
    }

    static List<Integer> eachWithin(CommandSpec spec, String option, List<Integer> values, int min, int max) {
        if (values.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + " needs at least one value");
        }
        values.forEach(value -> within(spec, option, value, min, max));
        return values;
    }
}
