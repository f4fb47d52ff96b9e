package org.hiehub.projections.versions;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A projection that can be rebuilt blue/green: its processing group, the collections it owns (by plain name) and
 * how to make a fresh instance of its event handlers writing to a given version.
 *
 * @param group the processing group (also the projection's name in {@code read_model_versions})
 * @param collections the collections one version consists of
 * @param handlers a new handler instance bound to a version's collections
 * @param outdated whether a version was written in a format this build no longer writes (an earlier hub's), so
 *                 that the hub rebuilds it when it starts
 */
public record RebuildableProjection(String group, List<String> collections,
                                    Function<ReadModelScope, Object> handlers,
                                    Predicate<ReadModelScope> outdated) {

    public RebuildableProjection(String group, List<String> collections, Function<ReadModelScope, Object> handlers) {
        this(group, collections, handlers, version -> false);
    }
}
