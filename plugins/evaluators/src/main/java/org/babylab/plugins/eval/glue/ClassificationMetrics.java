package org.babylab.plugins.eval.glue;

/**
 * Accuracy, F1 and Matthews correlation of predictions against gold labels. With two classes F1 is
 * that of class 1 (as scikit-learn's default); with more it is the unweighted mean over classes.
 * MCC is Gorodkin's multi-class form, which equals the binary formula for two classes; 0 when undefined.
 */
public record ClassificationMetrics(double accuracy, double f1, double mcc) {

    public static ClassificationMetrics of(int[] gold, int[] predicted, int classes) {
        if (gold.length != predicted.length || gold.length == 0) {
            throw new IllegalArgumentException("need as many predictions as labels, and at least one; got "
                    + predicted.length + " and " + gold.length);
        }
        long[][] c = new long[classes][classes];
        for (int i = 0; i < gold.length; i++) {
            c[gold[i]][predicted[i]]++;
        }
        long n = gold.length;
        long correct = 0;
        long[] truth = new long[classes];
        long[] pred = new long[classes];
        for (int g = 0; g < classes; g++) {
            for (int p = 0; p < classes; p++) {
                truth[g] += c[g][p];
                pred[p] += c[g][p];
            }
            correct += c[g][g];
        }
        double f1;
        if (classes == 2) {
            f1 = f1(c[1][1], pred[1], truth[1]);
        } else {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += f1(c[k][k], pred[k], truth[k]);
            }
            f1 = sum / classes;
        }
        double cov = (double) correct * n;
        double sp = (double) n * n;
        double st = (double) n * n;
        for (int k = 0; k < classes; k++) {
            cov -= (double) pred[k] * truth[k];
            sp -= (double) pred[k] * pred[k];
            st -= (double) truth[k] * truth[k];
        }
        double mcc = sp == 0 || st == 0 ? 0 : cov / Math.sqrt(sp * st);
        return new ClassificationMetrics((double) correct / n, f1, mcc);
    }

    private static double f1(long tp, long predicted, long actual) {
        return predicted + actual == 0 ? 0 : 2.0 * tp / (predicted + actual);
    }

    /** The named metric: {@code accuracy}, {@code f1} or {@code mcc}. */
    public double get(String name) {
        return switch (name) {
            case "accuracy" -> accuracy;
            case "f1" -> f1;
            case "mcc" -> mcc;
            default -> throw new IllegalArgumentException("no metric '" + name + "'");
        };
    }
}
