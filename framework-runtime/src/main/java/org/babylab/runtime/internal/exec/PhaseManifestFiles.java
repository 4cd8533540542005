package org.babylab.runtime.internal.exec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.runtime.internal.plan.PhasePlan;
import org.babylab.runtime.internal.store.AtomicFiles;

/**
 * Writes what a curriculum phase step trained on next to the model it produced, so the exact data
 * order stays inspectable with the checkpoint: {@code curriculum-phase.json} (curriculum, phase,
 * datasets with fingerprints, epochs, length, manifest hash) and {@code order-manifest.tsv.gz}, one
 * {@code dataset<TAB>index} line per example in training order. Stateless.
 */
final class PhaseManifestFiles {
    static final String SUMMARY = "curriculum-phase.json";
    static final String ORDER = "order-manifest.tsv.gz";

    private PhaseManifestFiles() {}

    static void write(PhasePlan phase, Path dir) throws IOException {
        OrderManifest order = phase.order();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("curriculum", phase.curriculum());
        summary.put("phase", phase.phase().name());
        summary.put("index", phase.index() + 1);
        summary.put("count", phase.count());
        summary.put("datasets", new java.util.TreeMap<>(phase.datasets()));
        summary.put("epochs", order.epochs());
        summary.put("epoch_ends", order.epochEnds());
        summary.put("examples", order.size());
        summary.put("order_manifest", order.hash());
        AtomicFiles.writeJson(dir.resolve(SUMMARY), summary);
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(dir.resolve(ORDER))), StandardCharsets.UTF_8))) {
            for (int i = 0; i < order.size(); i++) {
                w.write(order.dataset(i));
                w.write('\t');
                w.write(Integer.toString(order.index(i)));
                w.write('\n');
            }
        }
    }
}
