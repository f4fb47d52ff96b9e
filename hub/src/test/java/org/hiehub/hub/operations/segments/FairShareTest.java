package org.hiehub.hub.operations.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FairShareTest {

    @Test
    void a_process_alone_may_hold_every_segment() {
        assertThat(FairShare.of("a", Set.of("timeline"), Map.of("timeline", 4), Map.of()).get("timeline"))
                .isEqualTo(new SegmentShare(4, 4, 1));
    }

    @Test
    void two_processes_split_two_segments_one_each_and_four_two_each() {
        assertThat(targets(List.of("a", "b"), Map.of("timeline", 2))).containsExactly(1, 1);
        assertThat(targets(List.of("a", "b"), Map.of("timeline", 4))).containsExactly(2, 2);
    }

    @Test
    void the_remainder_goes_one_each_so_the_targets_add_up_to_the_segments() {
        List<Integer> targets = targets(List.of("a", "b", "c"), Map.of("timeline", 4));
        assertThat(targets.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
        assertThat(targets).containsExactlyInAnyOrder(2, 1, 1);
    }

    @Test
    void one_segment_processors_are_spread_over_the_processes_instead_of_all_landing_on_one() {
        Map<String, Integer> segments = Map.of("alerts", 1, "care-gaps", 1, "timeline", 1, "quality", 1);
        Map<String, Set<String>> live = segments.keySet().stream()
                .collect(Collectors.toMap(p -> p, p -> Set.of("a", "b")));
        Map<String, SegmentShare> a = FairShare.of("a", segments.keySet(), segments, live);
        Map<String, SegmentShare> b = FairShare.of("b", segments.keySet(), segments, live);
        for (String processor : segments.keySet()) {
            assertThat(a.get(processor).target() + b.get(processor).target()).as(processor).isEqualTo(1);
        }
        assertThat(a.values().stream().mapToInt(SegmentShare::target).sum()).isEqualTo(2);
    }

    @Test
    void a_process_counts_itself_before_its_first_heartbeat_is_seen() {
        SegmentShare share = FairShare.of("b", Set.of("timeline"), Map.of("timeline", 2),
                Map.of("timeline", Set.of("a"))).get("timeline");
        assertThat(share).isEqualTo(new SegmentShare(1, 2, 2));
    }

    @Test
    void a_processor_whose_segments_are_not_initialised_yet_gets_no_share() {
        assertThat(FairShare.of("a", Set.of("timeline"), Map.of(), Map.of("timeline", Set.of("a", "b"))))
                .isEmpty();
    }

    @Test
    void processors_this_process_does_not_run_get_no_share() {
        assertThat(FairShare.of("a", Set.of(), Map.of("timeline", 2), Map.of("timeline", Set.of("b")))).isEmpty();
    }

    /** Each member's target for the only processor, every member seeing the same membership. */
    private static List<Integer> targets(List<String> processes, Map<String, Integer> segments) {
        String processor = segments.keySet().iterator().next();
        Map<String, Set<String>> live = Map.of(processor, Set.copyOf(processes));
        return processes.stream()
                .map(me -> FairShare.of(me, Set.of(processor), segments, live).get(processor).target())
                .toList();
    }
}
