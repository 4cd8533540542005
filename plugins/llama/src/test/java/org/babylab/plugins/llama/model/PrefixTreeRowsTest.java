package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixTreeRowsTest {

    @Test
    void shared_prefixes_duplicates_and_prefix_sequences_become_one_node_each_and_leaves_go_last() {
        List<int[]> seqs =
                List.of(new int[] {1, 2, 3}, new int[] {1, 2, 4}, new int[] {1, 2, 3}, new int[] {1, 2}, new int[] {5});
        PrefixTreeRows packed = PrefixTreeRows.of(seqs, 64);
        assertEquals(1, packed.rows().size());
        PrefixTreeRows.Row row = packed.rows().get(0);
        // Read: 1, 2 (they predict children) and the lone root 5; predicted only: the leaves 3 and 4.
        assertArrayEquals(new int[] {1, 2, 5, 3, 4}, row.tokens());
        assertArrayEquals(new int[] {-1, 0, -1, 1, 1}, row.parents());
        assertArrayEquals(new int[] {0, 1, 0, 2, 2}, row.depths());
        assertEquals(3, row.inputs());
        assertArrayEquals(new int[] {0, 1, 3}, packed.nodesOf(0));
        assertArrayEquals(new int[] {0, 1, 4}, packed.nodesOf(1));
        assertArrayEquals(new int[] {0, 1, 3}, packed.nodesOf(2), "a duplicate reuses the nodes of its twin");
        assertArrayEquals(new int[] {0, 1}, packed.nodesOf(3), "a prefix reuses the nodes of its extension");
        assertArrayEquals(new int[] {2}, packed.nodesOf(4));
    }

    @Test
    void a_sequence_that_does_not_fit_the_row_starts_a_new_one_and_shares_nothing_across_rows() {
        List<int[]> seqs =
                List.of(new int[] {1, 2, 3}, new int[] {1, 2, 4}, new int[] {1, 2, 3}, new int[] {1, 2}, new int[] {5});
        PrefixTreeRows packed = PrefixTreeRows.of(seqs, 3);
        assertEquals(3, packed.rows().size());
        assertEquals(7, packed.nodeCount());
        assertEquals(2 + 2 + 1, packed.inputCount(), "each row's leaf is predicted, not read");
        assertArrayEquals(new int[] {1, 2, 3}, packed.rows().get(0).tokens());
        assertArrayEquals(new int[] {1, 2, 4}, packed.rows().get(1).tokens());
        assertArrayEquals(new int[] {5}, packed.rows().get(2).tokens());
        assertEquals(1, packed.rowOf(1));
        assertArrayEquals(new int[] {0, 1, 2}, packed.nodesOf(1));
        for (int s = 0; s < seqs.size(); s++) {
            PrefixTreeRows.Row row = packed.rows().get(packed.rowOf(s));
            int[] nodes = packed.nodesOf(s);
            for (int j = 0; j < nodes.length; j++) {
                assertEquals(seqs.get(s)[j], row.tokens()[nodes[j]], "sequence " + s + " position " + j);
                assertEquals(j, row.depths()[nodes[j]]);
                assertEquals(j == 0 ? -1 : nodes[j - 1], row.parents()[nodes[j]]);
            }
        }
    }

    @Test
    void a_sequence_wider_than_a_row_is_rejected() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> PrefixTreeRows.of(List.of(new int[] {1}, new int[] {1, 2, 3}), 2));
        assertEquals("sequence 1 has 3 tokens; rows hold 1 to 2", e.getMessage());
    }
}
