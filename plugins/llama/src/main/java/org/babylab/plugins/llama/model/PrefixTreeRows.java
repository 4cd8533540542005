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
 * log-probs it gets alone. A leaf (the last token of a sequence that no other sequence extends) is
 * only predicted, never read: no node attends to it and its own prediction is not needed, so leaves
 * are placed after the {@link Row#inputs()} the model reads.
 *
 * <p>Immutable after {@link #of}; a host-side plan, no tensors.
 */
final class PrefixTreeRows {
    /**
     * One row of a prefix tree (or of several, side by side): the nodes the model reads, in
     * depth-first order, then the leaves it only predicts.
     *
     * @param tokens the token of each node
     * @param parents each node's parent index in the row, -1 for a tree root; parents precede
     *     children, and a parent is always one of the inputs
     * @param depths each node's depth (its position in every sequence through it), 0 for a root
     * @param inputs how many nodes, from the first, the model reads (>= 1); the rest are leaves
     */
    record Row(int[] tokens, int[] parents, int[] depths, int inputs) {
        Row {
            if (tokens.length == 0 || parents.length != tokens.length || depths.length != tokens.length) {
                throw new IllegalArgumentException("a row needs one parent and depth per token, got " + tokens.length
                        + " tokens, " + parents.length + " parents, " + depths.length + " depths");
            }
            if (inputs < 1 || inputs > tokens.length) {
                throw new IllegalArgumentException(
                        "a row reads 1 to " + tokens.length + " of its nodes, got " + inputs);
            }
        }

        /** All nodes, read and predicted-only. */
        int size() {
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
                throw new IllegalArgumentException(
                        "sequence " + i + " has " + s.length + " tokens; rows hold 1 to " + rowWidth);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compare(sequences.get(a), sequences.get(b)));
        List<Row> rows = new ArrayList<>();
        int[] rowOf = new int[order.length];
        int[][] nodesOf = new int[order.length][];
        RowBuilder row = new RowBuilder(rowWidth);
        List<Integer> inRow = new ArrayList<>();
        int[] previous = null;
        int[] previousNodes = null;
        for (int idx : order) {
            int[] s = sequences.get(idx);
            int shared = previous == null ? 0 : commonPrefix(previous, s);
            if (!row.isEmpty() && row.size() + s.length - shared > rowWidth) {
                rows.add(row.build(inRow, nodesOf));
                row = new RowBuilder(rowWidth);
                inRow.clear();
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
            inRow.add(idx);
            previous = s;
            previousNodes = nodes;
        }
        if (!row.isEmpty()) {
            rows.add(row.build(inRow, nodesOf));
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

    /** Nodes in all rows, read or predicted-only. */
    long nodeCount() {
        long n = 0;
        for (Row r : rows) {
            n += r.size();
        }
        return n;
    }

    /** Tokens the model reads, padding excluded. */
    long inputCount() {
        long n = 0;
        for (Row r : rows) {
            n += r.inputs();
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

        /**
         * The row with its leaves (childless nodes that have a parent) moved after the inputs, and
         * the node indices of {@code sequences} (the row's) renumbered to match.
         */
        Row build(List<Integer> sequences, int[][] nodesOf) {
            boolean[] hasChild = new boolean[size];
            for (int i = 0; i < size; i++) {
                if (parents[i] >= 0) {
                    hasChild[parents[i]] = true;
                }
            }
            int[] renumbered = new int[size];
            int inputs = 0;
            for (int i = 0; i < size; i++) {
                if (hasChild[i] || parents[i] < 0) {
                    renumbered[i] = inputs++;
                }
            }
            int leaf = inputs;
            for (int i = 0; i < size; i++) {
                if (!hasChild[i] && parents[i] >= 0) {
                    renumbered[i] = leaf++;
                }
            }
            int[] t = new int[size];
            int[] p = new int[size];
            int[] d = new int[size];
            for (int i = 0; i < size; i++) {
                t[renumbered[i]] = tokens[i];
                p[renumbered[i]] = parents[i] < 0 ? -1 : renumbered[parents[i]];
                d[renumbered[i]] = depths[i];
            }
            for (int s : sequences) {
                int[] nodes = nodesOf[s];
                for (int j = 0; j < nodes.length; j++) {
                    nodes[j] = renumbered[nodes[j]];
                }
            }
            return new Row(t, p, d, inputs);
        }
    }
}
