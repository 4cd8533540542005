package org.babylab.api.curriculum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact order in which a training phase sees its examples: a sequence of
 * {@code (dataset, index)} pairs, where {@code index} is the 0-based position of a record in
 * {@link org.babylab.api.data.Dataset#records()} of that dataset. Epochs are laid out one after the
 * other; {@link #epochEnds()} says where each ends. Immutable and thread-safe; the arrays are copied
 * in and never exposed.
 */
public final class OrderManifest {
    private final List<String> datasets;
    private final int[] datasetOf;
    private final int[] indexOf;
    private final int[] epochEnds;
    private final String hash;

    /**
     * @param datasets dataset names; {@code datasetOf[i]} indexes this list
     * @param datasetOf per position, the dataset's position in {@code datasets}
     * @param indexOf per position, the record index within that dataset, >= 0
     * @param epochEnds exclusive end position of each epoch, increasing, the last equal to the length
     *     (one entry {@code [length]} for a schedule without epochs)
     */
    public OrderManifest(List<String> datasets, int[] datasetOf, int[] indexOf, int[] epochEnds) {
        if (datasets == null || datasets.isEmpty() || datasetOf == null || indexOf == null || epochEnds == null) {
            throw new IllegalArgumentException("an order manifest needs datasets, positions and epoch ends");
        }
        if (datasetOf.length != indexOf.length) {
            throw new IllegalArgumentException(
                    "datasetOf and indexOf differ in length: " + datasetOf.length + " vs " + indexOf.length);
        }
        if (epochEnds.length == 0 || epochEnds[epochEnds.length - 1] != datasetOf.length) {
            throw new IllegalArgumentException("the last epoch end must be the manifest length " + datasetOf.length
                    + ", got " + Arrays.toString(epochEnds));
        }
        for (int i = 1; i < epochEnds.length; i++) {
            if (epochEnds[i] < epochEnds[i - 1]) {
                throw new IllegalArgumentException("epoch ends must not decrease: " + Arrays.toString(epochEnds));
            }
        }
        for (int i = 0; i < datasetOf.length; i++) {
            if (datasetOf[i] < 0 || datasetOf[i] >= datasets.size() || indexOf[i] < 0) {
                throw new IllegalArgumentException("position " + i + " holds (dataset " + datasetOf[i] + ", index "
                        + indexOf[i] + "), outside the " + datasets.size() + " dataset(s) " + datasets);
            }
        }
        this.datasets = List.copyOf(datasets);
        this.datasetOf = datasetOf.clone();
        this.indexOf = indexOf.clone();
        this.epochEnds = epochEnds.clone();
        this.hash = computeHash();
    }

    /** The dataset names positions refer to. */
    public List<String> datasets() {
        return datasets;
    }

    /** How many examples the phase sees, all epochs together. */
    public int size() {
        return datasetOf.length;
    }

    /** The dataset name at {@code position}. */
    public String dataset(int position) {
        return datasets.get(datasetOf[position]);
    }

    /** The record index at {@code position}, within {@link #dataset(int)}. */
    public int index(int position) {
        return indexOf[position];
    }

    /** The number of epochs. */
    public int epochs() {
        return epochEnds.length;
    }

    /** The exclusive end position of each epoch (a copy). */
    public int[] epochEnds() {
        return epochEnds.clone();
    }

    /** How many positions draw from {@code dataset}. */
    public int count(String dataset) {
        int d = datasets.indexOf(dataset);
        int n = 0;
        for (int x : datasetOf) {
            n += x == d ? 1 : 0;
        }
        return n;
    }

    /** The pairs as {@code "dataset:index"} strings, for tests and small debugging dumps. */
    public List<String> pairs() {
        String[] out = new String[datasetOf.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dataset(i) + ":" + indexOf[i];
        }
        return List.of(out);
    }

    /**
     * SHA-256 (lower-case hex) of the dataset names, every {@code (dataset, index)} pair and the
     * epoch ends: equal hashes mean the same examples in the same order with the same epochs.
     */
    public String hash() {
        return hash;
    }

    private String computeHash() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        for (String d : datasets) {
            byte[] b = d.getBytes(StandardCharsets.UTF_8);
            update(md, b.length);
            md.update(b);
        }
        update(md, datasetOf.length);
        for (int i = 0; i < datasetOf.length; i++) {
            update(md, datasetOf[i]);
            update(md, indexOf[i]);
        }
        update(md, epochEnds.length);
        for (int e : epochEnds) {
            update(md, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, int v) {
        md.update((byte) (v >>> 24));
        md.update((byte) (v >>> 16));
        md.update((byte) (v >>> 8));
        md.update((byte) v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderManifest m && m.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "OrderManifest[" + size() + " examples from " + datasets + ", " + epochs() + " epoch(s), "
                + hash.substring(0, 12) + "]";
    }
}
