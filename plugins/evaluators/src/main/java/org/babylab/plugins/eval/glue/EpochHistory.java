package org.babylab.plugins.eval.glue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What fine-tuning has produced so far: each finished epoch's training loss and validation
 * metrics, and the validation predictions of the best epoch. Saved with every per-epoch
 * checkpoint, so a resumed run reports exactly what an uninterrupted one would.
 *
 * @param epochs finished epochs in order
 * @param bestPredictions predicted class per validation example of the {@link #best} epoch (empty before any epoch)
 * @param bestLogits class logits per validation example of that epoch
 */
record EpochHistory(List<EpochResult> epochs, int[] bestPredictions, double[][] bestLogits) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One epoch: mean training loss and validation metrics. */
    record EpochResult(int epoch, double loss, double accuracy, double f1, double mcc) {
        double get(String metric) {
            return new ClassificationMetrics(accuracy, f1, mcc).get(metric);
        }
    }

    static EpochHistory empty() {
        return new EpochHistory(List.of(), new int[0], new double[0][]);
    }

    /**
     * The index in {@code epochs} of the best epoch by {@code metric}: the highest value, the
     * earliest epoch on ties (as a "greater than" comparison while training keeps it).
     */
    static int best(List<EpochResult> epochs, String metric) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to choose from");
        }
        int best = 0;
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).get(metric) > epochs.get(best).get(metric)) {
                best = i;
            }
        }
        return best;
    }

    /** This history plus {@code result}; its predictions replace the kept ones when it becomes the best. */
    EpochHistory plus(EpochResult result, int[] predictions, double[][] logits, String metric) {
        List<EpochResult> all = new ArrayList<>(epochs);
        all.add(result);
        boolean isBest = best(all, metric) == all.size() - 1;
        return new EpochHistory(List.copyOf(all), isBest ? predictions : bestPredictions, isBest ? logits : bestLogits);
    }

    int completed() {
        return epochs.size();
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    static EpochHistory read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), EpochHistory.class);
        } catch (IOException e) {
            throw new IOException(
                    "fine-tuning history " + file + " is unreadable (" + e.getMessage()
                            + "); delete its checkpoint directory to start over",
                    e);
        }
    }
}
