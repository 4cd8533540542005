package org.babylab.runtime.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.Sha256;

/**
 * Where an experiment's results files go and what they hold. Each distinct set of {@code --set}
 * overrides gets its own directory, so a run with overrides never overwrites (or mixes its rows into)
 * the results of the plain file or of other overrides:
 *
 * <pre>
 * results/&lt;experiment&gt;/                       the file as written
 * results/&lt;experiment&gt;+set-&lt;8 hex&gt;/           the file with one set of overrides (hash of the overrides, in order)
 *     results.csv, results.json                primary metrics / every metric, one row per trial and model
 *     provenance.json                          experiment file, overrides, date, BabyLab version, store,
 *                                              and per row the model's and each evaluation's step key
 *     report/index.html, report/figures/       the report (babylab report)
 * </pre>
 */
public final class ResultsFiles {
    /** The provenance file's name. */
    public static final String PROVENANCE = "provenance.json";

    private ResultsFiles() {}

    /**
     * The results directory of an experiment planned with {@code overrides}.
     *
     * @param resultsRoot the directory holding every experiment's results (next to the store)
     */
    public static Path dir(Path resultsRoot, String experiment, List<String> overrides) {
        if (overrides.isEmpty()) {
            return resultsRoot.resolve(experiment);
        }
        String hash = Sha256.ofString(String.join("\n", overrides)).substring(0, 8);
        return resultsRoot.resolve(experiment + "+set-" + hash);
    }

    /**
     * Writes {@code results.csv}, {@code results.json} and {@code provenance.json} into {@code dir}, each atomically.
     *
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static void write(Path dir, ResultsTable table, RunInfo info) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results directory " + dir + ": " + e.getMessage(), e);
        }
        table.writeCsv(dir.resolve("results.csv"));
        table.writeJson(dir.resolve("results.json"));
        Path file = dir.resolve(PROVENANCE);
        try {
            AtomicFiles.write(file.toAbsolutePath(), provenance(table, info).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The provenance document: what produced the results, and the step keys behind every row. */
    static String provenance(ResultsTable table, RunInfo info) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", info.experiment());
        doc.put("file", info.file().toAbsolutePath().normalize().toString());
        doc.put("overrides", info.overrides());
        doc.put("written_at", info.at().toString());
        doc.put("babylab_version", info.babylabVersion());
        doc.put("store", info.store().toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultsTable.Row r : table.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", r.trial());
            row.put("model", r.model());
            row.put("model_key", r.modelKey());
            Map<String, String> evals = new LinkedHashMap<>();
            table.evaluators().forEach(e -> {
                ResultsTable.Cell c = r.cells().get(e);
                if (c != null) {
                    evals.put(e, c.key());
                }
            });
            row.put("evaluation_keys", evals);
            rows.add(row);
        }
        doc.put("rows", rows);
        try {
            return Json.MAPPER
                            .copy()
                            .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(doc)
                    + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("provenance is not serialisable: " + e.getMessage(), e);
        }
    }
}
