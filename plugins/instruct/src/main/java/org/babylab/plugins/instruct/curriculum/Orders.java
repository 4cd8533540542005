package org.babylab.plugins.instruct.curriculum;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.babylab.api.curriculum.OrderManifest;

/**
 * The deterministic orders the built-in curricula produce. Randomness comes only from
 * {@link Random} seeded with the given seed, whose sequence the JDK specifies exactly, so an order
 * (and its hash) is the same on every JVM. Stateless and thread-safe.
 */
final class Orders {
    private Orders() {}

    /**
     * A mixture of {@code datasets} for {@code epochs} epochs. Without weights, every epoch is every
     * record of every dataset once, shuffled together. With weights, every epoch still has
     * {@code sum(sizes)} examples, split between datasets in proportion to the weights (largest
     * remainder rounding); a dataset drawn more often than its size is cycled through in fresh
     * shuffles, one drawn less often contributes a shuffled subset.
     */
    static OrderManifest mixture(
            List<String> datasets, Map<String, Integer> sizes, Map<String, Double> weights, int epochs, long seed) {
        int[] size = sizes(datasets, sizes);
        Random random = new Random(seed);
        long total = 0;
        for (int s : size) {
            total += s;
        }
        checkLength(total * epochs);
        int perEpoch = (int) total;
        int[] counts = weights.isEmpty() ? size : apportion(datasets, weights, perEpoch);
        Cycler[] cyclers = new Cycler[datasets.size()];
        for (int d = 0; d < cyclers.length; d++) {
            cyclers[d] = new Cycler(size[d], random);
        }
        int n = perEpoch * epochs;
        int[] datasetOf = new int[n];
        int[] indexOf = new int[n];
        int[] epochEnds = new int[epochs];
        int at = 0;
        for (int e = 0; e < epochs; e++) {
            int start = at;
            for (int d = 0; d < counts.length; d++) {
                for (int k = 0; k < counts[d]; k++) {
                    datasetOf[at] = d;
                    // Unweighted epochs take every record once: the cycler's permutation would only be shuffled again
                    // below.
                    indexOf[at] = weights.isEmpty() ? k : cyclers[d].next();
                    at++;
                }
            }
            shuffle(datasetOf, indexOf, start, at, random);
            epochEnds[e] = at;
        }
        return new OrderManifest(datasets, datasetOf, indexOf, epochEnds);
    }

    /**
     * Records in a given dataset sequence: position {@code i} draws from dataset {@code sequence[i]},
     * each dataset cycling through fresh shuffles of its records. One epoch.
     */
    static OrderManifest sequence(List<String> datasets, Map<String, Integer> sizes, int[] sequence, long seed) {
        int[] size = sizes(datasets, sizes);
        Random random = new Random(seed);
        Cycler[] cyclers = new Cycler[datasets.size()];
        for (int d = 0; d < cyclers.length; d++) {
            cyclers[d] = new Cycler(size[d], random);
        }
        int[] indexOf = new int[sequence.length];
        for (int i = 0; i < sequence.length; i++) {
            indexOf[i] = cyclers[sequence[i]].next();
        }
        return new OrderManifest(datasets, sequence, indexOf, new int[] {sequence.length});
    }

    /** Splits {@code total} between datasets in proportion to {@code weights}, largest remainders first (ties: list order). */
    static int[] apportion(List<String> datasets, Map<String, Double> weights, int total) {
        double sum = 0;
        for (String d : datasets) {
            sum += weights.getOrDefault(d, 0.0);
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("proportions " + weights + " give no dataset a positive weight");
        }
        int[] counts = new int[datasets.size()];
        double[] remainder = new double[datasets.size()];
        int given = 0;
        for (int d = 0; d < counts.length; d++) {
            double exact = weights.getOrDefault(datasets.get(d), 0.0) / sum * total;
            counts[d] = (int) Math.floor(exact);
            remainder[d] = exact - counts[d];
            given += counts[d];
        }
        while (given < total) {
            int best = 0;
            for (int d = 1; d < counts.length; d++) {
                if (remainder[d] > remainder[best]) {
                    best = d;
                }
            }
            counts[best]++;
            remainder[best] = -1;
            given++;
        }
        return counts;
    }

    private static int[] sizes(List<String> datasets, Map<String, Integer> sizes) {
        int[] out = new int[datasets.size()];
        for (int d = 0; d < out.length; d++) {
            Integer s = sizes.get(datasets.get(d));
            if (s == null) {
                throw new IllegalArgumentException(
                        "no size given for dataset '" + datasets.get(d) + "'; sizes: " + sizes);
            }
            if (s < 1) {
                throw new IllegalArgumentException("dataset '" + datasets.get(d)
                        + "' is empty (after its source filter): a curriculum cannot draw from it");
            }
            out[d] = s;
        }
        return out;
    }

    static void checkLength(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the schedule would hold " + n
                    + " examples, more than one order manifest can (" + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    /** Fisher-Yates over the pairs in {@code [from, to)}. */
    private static void shuffle(int[] a, int[] b, int from, int to, Random random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
            t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    /** Hands out a dataset's record indices in shuffled passes, reshuffling at the end of each pass. */
    private static final class Cycler {
        private final int[] perm;
        private final Random random;
        private int next;

        Cycler(int size, Random random) {
            this.perm = new int[size];
            this.random = random;
            for (int i = 0; i < size; i++) {
                perm[i] = i;
            }
            this.next = size; // shuffled lazily on first use, so unused cyclers do not consume randomness
        }

        int next() {
            if (next == perm.length) {
                for (int i = perm.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                next = 0;
            }
            return perm[next++];
        }
    }

    /** The names of {@code datasets} joined by {@code +}, a phase's default name. */
    static String join(List<String> datasets) {
        return String.join("+", datasets);
    }
}
