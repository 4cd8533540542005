package org.babylab.plugins.instruct.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.babylab.api.chat.PackedSequence;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.toolkit.chat.ExamplePacker;
import org.junit.jupiter.api.Test;

class ExamplePackerTest {
    private static TokenizedExample ex(int... ids) {
        boolean[] mask = new boolean[ids.length];
        mask[ids.length - 1] = true; // the last token is the "reply"
        return new TokenizedExample(ids, mask);
    }

    @Test
    void packed_examples_keep_their_order_and_never_attend_across_each_other() {
        List<PackedSequence> packed = ExamplePacker.pack(List.of(ex(1, 2, 3), ex(4, 5), ex(6, 7, 8, 9)), 6, 0);
        assertEquals(2, packed.size(), "the third example does not fit after the first two");
        PackedSequence first = packed.get(0);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 0}, first.ids());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 0}, first.positions(), "positions restart per example");
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, -1}, first.segments());
        assertArrayEquals(new boolean[] {false, false, true, false, true, false}, first.lossMask());
        assertTrue(first.attends(2, 0));
        assertFalse(first.attends(3, 2), "the second example cannot see the first");
        assertFalse(first.attends(1, 2), "attention is causal");
        assertFalse(first.attends(5, 5), "padding attends to nothing");
        assertEquals(2, first.examples());
        assertArrayEquals(new int[] {6, 7, 8, 9, 0, 0}, packed.get(1).ids());
    }

    @Test
    void an_example_longer_than_the_sequence_is_truncated_into_its_own() {
        List<PackedSequence> packed = ExamplePacker.pack(List.of(ex(1, 2), ex(3, 4, 5, 6, 7)), 4, 0);
        assertEquals(2, packed.size());
        assertArrayEquals(new int[] {3, 4, 5, 6}, packed.get(1).ids());
        assertArrayEquals(new int[] {0, 0, 0, 0}, packed.get(1).segments());
    }
}
