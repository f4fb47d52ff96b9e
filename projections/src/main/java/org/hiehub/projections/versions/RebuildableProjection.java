package org.hiehub.projections.versions;

import java.util.List;
import java.util.function.Function;

/**
 * A projection that can be rebuilt blue/green: its processing group, the collections it owns (by plain name) and
 * how to make a fresh instance of its event handlers writing to a given version.
 *
 * @param group the processing group (also the projection's name in {@code read_model_versions})
 * @param collections the collections one version consists of
 * @param handlers a new handler instance bound to a version's collections
 */
public record RebuildableProjection(String group, List<String> collections,
                                    Function<ReadModelScope, Object> handlers) {
}
