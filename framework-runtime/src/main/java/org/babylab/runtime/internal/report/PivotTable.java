package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values spread over a grid: one row per combination of the row dimensions, one column per value of
 * the column dimension. An entry without a value for the column dimension is shared along it (a
 * pretrained model used by every curriculum) and fills its row with one cell spanning every column,
 * so it is shown once instead of once per column. Immutable.
 *
 * @param rowDims the dimensions that identify a row, in header order
 * @param columnDim the dimension spread over the columns
 * @param columns the column dimension's values, in first-appearance order
 * @param rows the rows, ordered by each row dimension's values in first-appearance order
 */
public record PivotTable(List<String> rowDims, String columnDim, List<String> columns, List<Row> rows) {
    public PivotTable {
        rowDims = List.copyOf(rowDims);
        Objects.requireNonNull(columnDim, "columnDim");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One value to place.
     *
     * @param id what the value belongs to (a condition id), kept for links
     * @param dims dimension values; a dimension that is absent is shared (the entry spans it)
     * @param value the value; NaN when there is none yet
     */
    public record Entry(String id, Map<String, String> dims, double value) {
        public Entry {
            Objects.requireNonNull(id, "id");
            dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
        }
    }

    /**
     * One row.
     *
     * @param header the row dimensions' values, {@code ""} where the row is shared along a dimension
     * @param cells left to right; a spanning cell covers {@code span} columns, so the spans add up to the column count
     */
    public record Row(List<String> header, List<Cell> cells) {
        public Row {
            header = List.copyOf(header);
            cells = List.copyOf(cells);
        }
    }

    /**
     * One cell.
     *
     * @param id the entry's id, or null for an empty cell
     * @param value the entry's value, NaN when empty
     * @param span how many columns it covers, at least one
     */
    public record Cell(String id, double value, int span) {
        public Cell {
            if (span < 1) {
                throw new IllegalArgumentException("span must be >= 1, got " + span);
            }
        }

        static Cell empty() {
            return new Cell(null, Double.NaN, 1);
        }
    }

    /**
     * Pivots {@code entries}.
     *
     * @throws IllegalArgumentException when two entries fall in the same cell
     */
    public static PivotTable of(List<Entry> entries, List<String> rowDims, String columnDim) {
        List<String> columns = new ArrayList<>();
        Map<String, List<String>> order = new LinkedHashMap<>();
        rowDims.forEach(d -> order.put(d, new ArrayList<>()));
        for (Entry e : entries) {
            String c = e.dims().get(columnDim);
            if (c != null && !columns.contains(c)) {
                columns.add(c);
            }
            for (String d : rowDims) {
                String v = e.dims().getOrDefault(d, "");
                if (!order.get(d).contains(v)) {
                    order.get(d).add(v);
                }
            }
        }
        // A shared entry gets its own row even when a row with the same header has per-column entries.
        Map<List<Object>, List<Entry>> byRow = new LinkedHashMap<>();
        for (Entry e : entries) {
            List<Object> key = new ArrayList<>();
            rowDims.forEach(d -> key.add(e.dims().getOrDefault(d, "")));
            key.add(!e.dims().containsKey(columnDim));
            byRow.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<List<Object>> keys = new ArrayList<>(byRow.keySet());
        Comparator<List<Object>> cmp = (a, b) -> 0;
        for (int i = 0; i < rowDims.size(); i++) {
            int idx = i;
            List<String> values = order.get(rowDims.get(i));
            cmp = cmp.thenComparingInt(k -> values.indexOf((String) k.get(idx)));
        }
        cmp = cmp.thenComparing(k -> !(Boolean) k.get(rowDims.size()));
        keys.sort(cmp);

        List<Row> rows = new ArrayList<>();
        for (List<Object> key : keys) {
            List<Entry> in = byRow.get(key);
            List<String> header = key.subList(0, rowDims.size()).stream()
                    .map(String.class::cast)
                    .toList();
            if ((Boolean) key.get(rowDims.size())) {
                if (in.size() > 1) {
                    throw new IllegalArgumentException("two entries share the row " + header + ": "
                            + in.get(0).id() + ", " + in.get(1).id());
                }
                rows.add(new Row(
                        header, List.of(new Cell(in.get(0).id(), in.get(0).value(), Math.max(1, columns.size())))));
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            for (String c : columns) {
                List<Entry> hits = in.stream()
                        .filter(e -> c.equals(e.dims().get(columnDim)))
                        .toList();
                if (hits.size() > 1) {
                    throw new IllegalArgumentException("two entries share the cell " + header + " / " + c + ": "
                            + hits.get(0).id() + ", " + hits.get(1).id());
                }
                cells.add(
                        hits.isEmpty()
                                ? Cell.empty()
                                : new Cell(hits.get(0).id(), hits.get(0).value(), 1));
            }
            rows.add(new Row(header, cells));
        }
        return new PivotTable(rowDims, columnDim, columns, rows);
    }
}
