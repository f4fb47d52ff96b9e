package org.hiehub.hub.operations.segments;

/** This process's fair part of a processor's segments: {@code target} of {@code segments}, among {@code processes}. */
public record SegmentShare(int target, int segments, int processes) {
}
