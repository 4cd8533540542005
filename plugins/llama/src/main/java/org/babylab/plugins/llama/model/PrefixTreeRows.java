package org.babylab.plugins.llama.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Token sequences merged into prefix trees and laid out as rows of at most {@code rowWidth} tokens,
 * so that a token shared by several sequences is read once: the two sentences of a minimal pair up
 * to where they differ, every sentence's BOS and common opening words, a DPO prompt shared by its
 * chosen and rejected replies, identical sequences.
 *
 * <p>Sequences are taken in lexicographic order, which is the depth-first order of their prefix
 * tree: a sequence adds to the current row only the tokens after its longest common prefix with the
 * sequence before it (the longest it shares with any earlier one). A sequence that does not fit the
 * row's remaining width starts a new row and shares nothing. Each token of a row is a tree node with
 * its parent and depth; the model reads a row with position = depth and a mask that lets each node
 * attend to itself and its ancestors only, which for a causal model gives every sequence exactly the
 * log-probs it gets alone.
 *
 * <p>Immutable after {@link #of}; a host-side plan, no tensors.
 */
final class PrefixTreeRows {
    /**
     * One row of a prefix tree (or of several, side by side), nodes in depth-first order.
     *
     * @param tokens the token of each node
     * @param parents each node's parent index in the row, -1 for a tree root; parents precede children
     * @param depths each node's depth (its position in every sequence through it), 0 for a root
     */
    record Row(int[] tokens, int[] parents, int[] depths) {
        Row {
            if (tokens.length == 0 || parents.length != tokens.length || depths.length != tokens.length) {
                throw new IllegalArgumentException("a row needs one parent and depth per token, got " + tokens.length + " tokens, "
                        + parents.length + " parents, " + depths.length + " depths");
            }
        }

        int width() {
            return tokens.length;
        }
    }

    private final List<Row> rows;
    private final int[] rowOf;
    private final int[][] nodesOf;

    private PrefixTreeRows(List<Row> rows, int[] rowOf, int[][] nodesOf) {
        this.rows = rows;
        this.rowOf = rowOf;
        this.nodesOf = nodesOf;
    }

    /**
     * Packs {@code sequences} (non-empty, none longer than {@code rowWidth}) into rows.
     *
     * @throws IllegalArgumentException if a sequence is empty or longer than {@code rowWidth}
     */
    static PrefixTreeRows of(List<int[]> sequences, int rowWidth) {
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            int[] s = sequences.get(i);
            if (s.length == 0 || s.length > rowWidth) {
                throw new IllegalArgumentException("sequence " + i + " has " + s.length + " tokens; rows hold 1 to " + rowWidth);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compare(sequences.get(a), sequences.get(b)));
        List<Row> rows = new ArrayList<>();
        int[] rowOf = new int[order.length];
        int[][] nodesOf = new int[order.length][];
        RowBuilder row = new RowBuilder(rowWidth);
        int[] previous = null;
        int[] previousNodes = null;
        for (int idx : order) {
            int[] s = sequences.get(idx);
            int shared = previous == null ? 0 : commonPrefix(previous, s);
            if (!row.isEmpty() && row.size() + s.length - shared > rowWidth) {
                rows.add(row.build());
                row = new RowBuilder(rowWidth);
                shared = 0;
            }
            int[] nodes = new int[s.length];
            if (shared > 0) {
                System.arraycopy(previousNodes, 0, nodes, 0, shared);
            }
            for (int j = shared; j < s.length; j++) {
                nodes[j] = row.add(s[j], j == 0 ? -1 : nodes[j - 1], j);
            }
            rowOf[idx] = rows.size();
            nodesOf[idx] = nodes;
            previous = s;
            previousNodes = nodes;
        }
        if (!row.isEmpty()) {
            rows.add(row.build());
        }
        return new PrefixTreeRows(List.copyOf(rows), rowOf, nodesOf);
    }

    /** The rows, in the order their sequences sort. */
    List<Row> rows() {
        return rows;
    }

    /** The row holding sequence {@code s}. */
    int rowOf(int s) {
        return rowOf[s];
    }

    /** The node index, in its row, of each position of sequence {@code s}. */
    int[] nodesOf(int s) {
        return nodesOf[s];
    }

    /** Tokens in all rows: what the model reads, padding excluded. */
    long nodeCount() {
        long n = 0;
        for (Row r : rows) {
            n += r.width();
        }
        return n;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, 0, n, b, 0, n);
        return i < 0 ? n : i;
    }

    private static final class RowBuilder {
        private final int[] tokens;
        private final int[] parents;
        private final int[] depths;
        private int size;

        RowBuilder(int width) {
            tokens = new int[width];
            parents = new int[width];
            depths = new int[width];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        int add(int token, int parent, int depth) {
            tokens[size] = token;
            parents[size] = parent;
            depths[size] = depth;
            return size++;
        }

        Row build() {
            return new Row(Arrays.copyOf(tokens, size), Arrays.copyOf(parents, size), Arrays.copyOf(depths, size));
        }
    }
}
