package org.babylab.api.curriculum;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;

/**
 * The records of a phase in manifest order: position {@code i} is record
 * {@code manifest.index(i)} of dataset {@code manifest.dataset(i)}. Each dataset's records are read
 * into memory once (instruction datasets are small next to pretraining corpora). An immutable,
 * random-access list; thread-safe once built.
 */
public final class OrderedRecords extends AbstractList<Map<String, Object>> implements RandomAccess {
    private final OrderManifest manifest;
    private final Map<String, List<Map<String, Object>>> records;

    private OrderedRecords(OrderManifest manifest, Map<String, List<Map<String, Object>>> records) {
        this.manifest = manifest;
        this.records = records;
    }

    /**
     * Reads every dataset of {@code manifest} through {@code datasets} (typically
     * {@code context.inputs()::dataset}).
     *
     * @throws IllegalStateException if a dataset has fewer records than the manifest indexes, which
     *     means its files changed since the plan was made
     */
    public static OrderedRecords of(OrderManifest manifest, Function<String, Dataset> datasets) {
        Map<String, List<Map<String, Object>>> byName = new HashMap<>();
        for (String name : manifest.datasets()) {
            try (Stream<Map<String, Object>> s = datasets.apply(name).records()) {
                byName.put(name, new ArrayList<>(s.toList()));
            }
        }
        for (int i = 0; i < manifest.size(); i++) {
            int have = byName.get(manifest.dataset(i)).size();
            if (manifest.index(i) >= have) {
                throw new IllegalStateException("dataset '" + manifest.dataset(i) + "' has " + have
                        + " records but the order manifest uses index " + manifest.index(i)
                        + ": its files changed after planning; plan again");
            }
        }
        return new OrderedRecords(manifest, byName);
    }

    @Override
    public Map<String, Object> get(int position) {
        return records.get(manifest.dataset(position)).get(manifest.index(position));
    }

    @Override
    public int size() {
        return manifest.size();
    }
}
