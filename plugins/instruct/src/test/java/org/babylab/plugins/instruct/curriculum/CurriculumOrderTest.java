package org.babylab.plugins.instruct.curriculum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurriculumOrderTest {
    private static final long SEED = 7;
    private static final Map<String, Integer> SIZES = Map.of("switchboard", 3, "wiki", 2, "other", 4);

    @TempDir
    Path dir;

    private Curriculum merged(List<String> datasets, Map<String, Double> proportions, Integer epochs) {
        return new MergedCurriculumFactory()
                .create(
                        new MergedConfig(datasets, proportions, epochs),
                        TestStepContext.builder(dir).build());
    }

    private Curriculum sequential(PhaseSpec... phases) {
        return new SequentialCurriculumFactory()
                .create(
                        new SequentialConfig(List.of(phases)),
                        TestStepContext.builder(dir).build());
    }

    private Curriculum custom(List<String> datasets, ScheduleSpec schedule, Integer examples) {
        return new CustomCurriculumFactory()
                .create(
                        new CustomConfig(datasets, schedule, examples, null),
                        TestStepContext.builder(dir).build());
    }

    private static List<String> datasetSequence(OrderManifest m) {
        return m.pairs().stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
    }

    @Test
    void merged_epochs_are_each_one_shuffled_pass_over_every_record() {
        OrderManifest m = merged(List.of("switchboard", "wiki"), null, 2).order(0, SIZES, SEED);
        assertEquals(10, m.size());
        assertArrayEquals(new int[] {5, 10}, m.epochEnds());
        Set<String> all = Set.of("switchboard:0", "switchboard:1", "switchboard:2", "wiki:0", "wiki:1");
        List<String> pairs = m.pairs();
        assertEquals(all, new HashSet<>(pairs.subList(0, 5)));
        assertEquals(all, new HashSet<>(pairs.subList(5, 10)));
        assertEquals(5, new HashSet<>(pairs.subList(0, 5)).size());
        // Shuffled, not concatenated: seed 7 does not keep the datasets in declaration order.
        assertNotEquals(
                List.of("switchboard:0", "switchboard:1", "switchboard:2", "wiki:0", "wiki:1"), pairs.subList(0, 5));
    }

    @Test
    void merged_proportions_fix_each_datasets_share_of_every_epoch() {
        // Equal weights over 3 + 2 = 5 examples: largest remainder gives 3 to the first of the tie.
        OrderManifest even = merged(List.of("switchboard", "wiki"), Map.of("switchboard", 1.0, "wiki", 1.0), 1)
                .order(0, SIZES, SEED);
        assertEquals(3, even.count("switchboard"));
        assertEquals(2, even.count("wiki"));
        // 1:3 over 5 examples: 1.25 and 3.75 -> 1 and 4; wiki (2 records) is cycled through twice.
        OrderManifest skewed = merged(List.of("switchboard", "wiki"), Map.of("switchboard", 1.0, "wiki", 3.0), 1)
                .order(0, SIZES, SEED);
        assertEquals(1, skewed.count("switchboard"));
        assertEquals(4, skewed.count("wiki"));
        List<String> wiki = skewed.pairs().stream()
                .filter(p -> p.startsWith("wiki"))
                .sorted()
                .toList();
        assertEquals(List.of("wiki:0", "wiki:0", "wiki:1", "wiki:1"), wiki);
    }

    @Test
    void largest_remainder_rounding_gives_leftovers_in_list_order() {
        assertArrayEquals(
                new int[] {4, 3, 3},
                Orders.apportion(List.of("a", "b", "c"), Map.of("a", 1.0, "b", 1.0, "c", 1.0), 10));
        assertArrayEquals(new int[] {0, 10}, Orders.apportion(List.of("a", "b"), Map.of("a", 0.0, "b", 2.0), 10));
    }

    @Test
    void sequential_phases_draw_only_from_their_own_datasets_with_their_own_epochs() {
        Curriculum c = sequential(PhaseSpec.of("switchboard"), new PhaseSpec(List.of("wiki"), 3, null));
        assertEquals(
                List.of("switchboard", "wiki"),
                c.phases().stream().map(p -> p.name()).toList());
        OrderManifest first = c.order(0, SIZES, SEED);
        OrderManifest second = c.order(1, SIZES, SEED + 1);
        assertEquals(Set.of("switchboard:0", "switchboard:1", "switchboard:2"), new HashSet<>(first.pairs()));
        assertEquals(3, first.size());
        assertEquals(6, second.size());
        assertEquals(3, second.epochs());
        assertTrue(second.pairs().stream().allMatch(p -> p.startsWith("wiki:")));
    }

    @Test
    void curricula_with_the_same_first_phase_give_the_same_first_manifest() {
        Curriculum switchThenWiki = sequential(PhaseSpec.of("switchboard"), PhaseSpec.of("wiki"));
        Curriculum switchThenOther = sequential(PhaseSpec.of("switchboard"), PhaseSpec.of("other"));
        Curriculum wikiThenSwitch = sequential(PhaseSpec.of("wiki"), PhaseSpec.of("switchboard"));
        assertEquals(
                switchThenWiki.order(0, SIZES, SEED).hash(),
                switchThenOther.order(0, SIZES, SEED).hash());
        assertNotEquals(
                switchThenWiki.order(1, SIZES, SEED).hash(),
                switchThenOther.order(1, SIZES, SEED).hash());
        assertNotEquals(
                switchThenWiki.order(0, SIZES, SEED).hash(),
                wikiThenSwitch.order(0, SIZES, SEED).hash());
        // A merge of two datasets is a different first phase from either alone.
        assertNotEquals(
                switchThenWiki.order(0, SIZES, SEED).hash(),
                merged(List.of("switchboard", "wiki"), null, null)
                        .order(0, SIZES, SEED)
                        .hash());
    }

    @Test
    void a_linear_schedule_moves_from_one_dataset_to_the_other_by_its_running_share() {
        ScheduleSpec linear = new ScheduleSpec(ScheduleType.LINEAR, "switchboard", "wiki", null, null, null);
        // T = 5: shares 0, .25, .5, .75, 1; running sums 0, .25, .75, 1.5, 2.5 round to 0, 0, 1, 2, 3.
        assertEquals(
                List.of("switchboard", "switchboard", "wiki", "wiki", "wiki"),
                datasetSequence(
                        custom(List.of("switchboard", "wiki"), linear, null).order(0, SIZES, SEED)));
        // T = 9: shares t/8; running sums round to 0,0,0,1,1,2,3,4,5.
        assertEquals(
                List.of(
                        "switchboard",
                        "switchboard",
                        "switchboard",
                        "wiki",
                        "switchboard",
                        "wiki",
                        "wiki",
                        "wiki",
                        "wiki"),
                datasetSequence(
                        custom(List.of("switchboard", "wiki"), linear, 9).order(0, SIZES, SEED)));
    }

    @Test
    void an_interleave_schedule_repeats_its_ratio_in_dataset_order() {
        ScheduleSpec ratio =
                new ScheduleSpec(ScheduleType.INTERLEAVE, null, null, null, null, Map.of("switchboard", 3, "wiki", 1));
        OrderManifest m = custom(List.of("switchboard", "wiki"), ratio, 10).order(0, SIZES, SEED);
        assertEquals(
                List.of(
                        "switchboard",
                        "switchboard",
                        "switchboard",
                        "wiki",
                        "switchboard",
                        "switchboard",
                        "switchboard",
                        "wiki",
                        "switchboard",
                        "switchboard"),
                datasetSequence(m));
        // Each dataset is cycled in shuffled passes: the first three switchboard draws are a permutation.
        assertEquals(
                Set.of("switchboard:0", "switchboard:1", "switchboard:2"),
                new HashSet<>(m.pairs().subList(0, 3)));
    }

    @Test
    void the_manifest_hash_changes_exactly_when_the_order_does() {
        Curriculum c = merged(List.of("switchboard", "wiki"), null, 1);
        OrderManifest a = c.order(0, SIZES, SEED);
        assertEquals(a.hash(), c.order(0, SIZES, SEED).hash(), "same seed and sizes: same order, same hash");
        assertEquals(
                a.hash(),
                merged(List.of("switchboard", "wiki"), null, 1)
                        .order(0, SIZES, SEED)
                        .hash(),
                "a new instance agrees");
        assertNotEquals(a.hash(), c.order(0, SIZES, SEED + 1).hash(), "another seed shuffles differently");
        assertNotEquals(
                a.hash(),
                c.order(0, Map.of("switchboard", 4, "wiki", 2), SEED).hash(),
                "a grown dataset changes the order");

        int[] d = {0, 0, 1};
        int[] i = {0, 1, 0};
        OrderManifest m = new OrderManifest(List.of("x", "y"), d, i, new int[] {3});
        assertEquals(m.hash(), new OrderManifest(List.of("x", "y"), d.clone(), i.clone(), new int[] {3}).hash());
        assertNotEquals(
                m.hash(),
                new OrderManifest(List.of("x", "y"), d, new int[] {1, 0, 0}, new int[] {3}).hash(),
                "swapped records");
        assertNotEquals(
                m.hash(),
                new OrderManifest(List.of("x", "y"), d, i, new int[] {1, 3}).hash(),
                "other epoch boundaries");
    }

    @Test
    void an_empty_dataset_is_refused_by_name() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> merged(List.of("switchboard", "wiki"), null, 1)
                        .order(0, Map.of("switchboard", 3, "wiki", 0), SEED));
        assertTrue(e.getMessage().contains("wiki"), e.getMessage());
    }

    @Test
    void configs_reject_inconsistent_schedules() {
        assertThrows(IllegalArgumentException.class, () -> new MergedConfig(List.of("a", "b"), Map.of("a", 1.0), null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CustomConfig(
                        List.of("a", "b"),
                        new ScheduleSpec(ScheduleType.LINEAR, "a", "c", null, null, null),
                        null,
                        null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSpec(ScheduleType.INTERLEAVE, null, null, null, null, Map.of("a", 0)));
        assertThrows(IllegalArgumentException.class, () -> new SequentialConfig(List.of()));
    }
}
