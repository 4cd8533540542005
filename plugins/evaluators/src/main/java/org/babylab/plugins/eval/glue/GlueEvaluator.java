package org.babylab.plugins.eval.glue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.ClassifiableModel;
import org.babylab.api.model.ClassifierConfig;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Pooling;
import org.babylab.api.model.SequenceClassifier;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.StepContext;

/**
 * Fine-tunes a copy of the model as a classifier on a task's training file and evaluates it on the
 * validation file after every epoch; reports the best epoch's accuracy, F1 and MCC and writes its
 * per-item predictions. A checkpoint after each epoch (in the step's checkpoint directory) lets a
 * killed run resume at the last finished epoch and end with the same metrics.
 */
final class GlueEvaluator implements Evaluator {
    static final String HISTORY_FILE = "history.json";
    /** Batches per length group: examples are shuffled, then sorted by length within groups of this many batches. */
    static final int GROUP_BATCHES = 50;

    private final GlueConfig config;
    private final Path baseDir;

    GlueEvaluator(GlueConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        if (!(model instanceof ClassifiableModel cm)) {
            throw new IllegalArgumentException(
                    "evaluator glue fine-tunes the model as a classifier, but this model is a "
                            + model.getClass().getSimpleName()
                            + ", which cannot be trained as one; evaluate a llama or hf-llama model");
        }
        GlueTask task = config.glueTask();
        List<GlueExample> train = GlueData.sample(
                GlueData.read(GlueData.trainFile(config, baseDir), task, null),
                config.maxTrainExamples(),
                config.seed());
        List<GlueExample> valid = GlueData.read(GlueData.validFile(config, baseDir), task, config.maxValidExamples());
        int maxLen = Math.min(config.maxLength(), model.maxSequenceLength());
        List<int[]> trainSeqs = encode(train, model.tokenizer(), maxLen, config.bos(), config.pairEncodingRule());
        List<int[]> validSeqs = encode(valid, model.tokenizer(), maxLen, config.bos(), config.pairEncodingRule());
        int[] trainLabels = train.stream().mapToInt(GlueExample::label).toArray();
        int[] validLabels = valid.stream().mapToInt(GlueExample::label).toArray();

        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        long total = (long) stepsPerEpoch * config.epochs();
        WarmupCosine schedule = WarmupCosine.of(total, config.warmupRatio(), config.minLrRatio());
        ClassifierConfig cc = new ClassifierConfig(
                task.classes(),
                Pooling.parse(config.pooling()),
                config.dropout(),
                1e-5,
                config.weightDecay(),
                0.9,
                0.999,
                1e-8,
                config.seed(),
                config.packed());
        String metric = task.selectionMetric();
        int[] lengths = trainSeqs.stream().mapToInt(s -> s.length).toArray();

        try (SequenceClassifier classifier = cm.classifier(cc)) {
            EpochHistory history = resume(context.checkpointDir(), classifier, context::log);
            context.progress().start("fine-tune " + task.id(), "steps", total);
            context.progress().advance((long) history.completed() * stepsPerEpoch);
            for (int epoch = history.completed() + 1; epoch <= config.epochs(); epoch++) {
                double lossSum = 0;
                List<int[]> batches = batches(lengths, config.batchSize(), config.seed(), epoch, config.packed());
                for (int[] batch : batches) {
                    if (context.cancelled()) {
                        throw new CancellationException("glue " + task.id() + " cancelled in epoch " + epoch
                                + "; a re-run resumes after epoch " + history.completed());
                    }
                    List<int[]> seqs = new ArrayList<>(batch.length);
                    int[] labels = new int[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        seqs.add(trainSeqs.get(batch[i]));
                        labels[i] = trainLabels[batch[i]];
                    }
                    double loss = classifier.trainStep(seqs, labels, config.lr() * schedule.factor(classifier.steps()));
                    if (!Double.isFinite(loss)) {
                        throw new ArithmeticException("glue " + task.id() + ": training loss became " + loss
                                + " in epoch " + epoch + "; lower lr");
                    }
                    lossSum += loss;
                    context.progress().advance(1);
                    context.progress().status(String.format("epoch %d loss %.3f", epoch, loss));
                }
                List<double[]> logits = classifier.logits(validSeqs);
                int[] predicted =
                        logits.stream().mapToInt(GlueEvaluator::argmax).toArray();
                ClassificationMetrics m = ClassificationMetrics.of(validLabels, predicted, task.classes());
                history = history.plus(
                        new EpochHistory.EpochResult(epoch, lossSum / batches.size(), m.accuracy(), m.f1(), m.mcc()),
                        predicted,
                        logits.toArray(new double[0][]),
                        metric);
                checkpoint(context.checkpointDir(), epoch, classifier, history);
                context.log(String.format(
                        "glue %s: epoch %d/%d loss %.4f accuracy %.4f f1 %.4f mcc %.4f",
                        task.id(), epoch, config.epochs(), lossSum / batches.size(), m.accuracy(), m.f1(), m.mcc()));
            }
            if (config.keepWeights()) {
                Path dir = context.outputDir().resolve("model");
                Files.createDirectories(dir);
                classifier.saveModel(dir);
            }
        }
        EpochHistory history = readLatest(context.checkpointDir());
        return report(task, train, valid, trainLabels, validLabels, history, context);
    }

    private EvaluationResult report(
            GlueTask task,
            List<GlueExample> train,
            List<GlueExample> valid,
            int[] trainLabels,
            int[] validLabels,
            EpochHistory history,
            StepContext context) {
        for (int i = 0; i < valid.size(); i++) {
            GlueExample e = valid.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("item", e.item());
            p.put("source", e.source());
            p.put("label", e.label());
            p.put("prediction", history.bestPredictions()[i]);
            p.put("correct", history.bestPredictions()[i] == e.label());
            p.put("logits", Arrays.stream(history.bestLogits()[i]).boxed().toList());
            context.predictions().accept(p);
        }
        int bestIndex = EpochHistory.best(history.epochs(), task.selectionMetric());
        EpochHistory.EpochResult best = history.epochs().get(bestIndex);
        int majority = majority(trainLabels, task.classes());
        int[] constant = new int[validLabels.length];
        Arrays.fill(constant, majority);
        ClassificationMetrics base = ClassificationMetrics.of(validLabels, constant, task.classes());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(task.selectionMetric(), best.get(task.selectionMetric()));
        metrics.put("accuracy", best.accuracy());
        metrics.put("f1", best.f1());
        metrics.put("mcc", best.mcc());
        metrics.put("best_epoch", (double) best.epoch());
        metrics.put("majority_accuracy", base.accuracy());
        metrics.put("majority_f1", base.f1());
        metrics.put("train_examples", (double) train.size());
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        for (EpochHistory.EpochResult r : history.epochs()) {
            groups.put(
                    "epoch " + r.epoch(),
                    Map.of("loss", r.loss(), "accuracy", r.accuracy(), "f1", r.f1(), "mcc", r.mcc()));
        }
        return new EvaluationResult(task.selectionMetric(), metrics, groups, valid.size());
    }

    /**
     * BOS (when {@code withBos} and the tokenizer has one) + the pair's tokens under {@code pairs},
     * right-truncated to {@code maxLen} tokens.
     */
    static List<int[]> encode(
            List<GlueExample> examples, Tokenizer tokenizer, int maxLen, boolean withBos, PairEncoding pairs) {
        List<int[]> out = new ArrayList<>(examples.size());
        for (GlueExample e : examples) {
            int[] body = pairs.ids(tokenizer, e.first(), e.second());
            int bos = withBos && tokenizer.bosId().isPresent() ? 1 : 0;
            int[] s = new int[Math.min(maxLen, body.length + bos)];
            if (bos == 1) {
                s[0] = tokenizer.bosId().getAsInt();
            }
            System.arraycopy(body, 0, s, bos, s.length - bos);
            if (s.length == 0) {
                throw new IllegalArgumentException(e.source() + ": the example encodes to no tokens");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The batches (indices into the training set) of epoch {@code epoch} (1-based): the examples
     * shuffled by a random stream of {@code seed} and the epoch; when {@code grouped}, sorted by
     * length (longest first) within groups of {@link #GROUP_BATCHES} batches and the batches then
     * shuffled, so each batch holds examples of similar length.
     */
    static List<int[]> batches(int[] lengths, int batchSize, long seed, int epoch, boolean grouped) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        if (grouped) {
            int group = batchSize * GROUP_BATCHES;
            for (int from = 0; from < order.size(); from += group) {
                order.subList(from, Math.min(order.size(), from + group))
                        .sort(Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            out.add(order.subList(from, Math.min(order.size(), from + batchSize)).stream()
                    .mapToInt(Integer::intValue)
                    .toArray());
        }
        if (grouped) {
            Collections.shuffle(out, random);
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int majority(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Writes epoch {@code epoch}'s checkpoint atomically (a directory renamed into place) and drops the older one. */
    private static void checkpoint(Path dir, int epoch, SequenceClassifier classifier, EpochHistory history)
            throws IOException {
        Path tmp = dir.resolve(".epoch-" + epoch + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        classifier.save(tmp);
        history.write(tmp.resolve(HISTORY_FILE));
        Path target = dir.resolve("epoch-" + epoch);
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        for (Path old : epochDirs(dir)) {
            if (!old.equals(target)) {
                deleteTree(old);
            }
        }
    }

    /** Restores the latest finished epoch's checkpoint into {@code classifier}; an empty history when there is none. */
    private static EpochHistory resume(Path dir, SequenceClassifier classifier, java.util.function.Consumer<String> log)
            throws IOException {
        List<Path> dirs = epochDirs(dir);
        if (dirs.isEmpty()) {
            return EpochHistory.empty();
        }
        Path latest = dirs.get(dirs.size() - 1);
        classifier.restore(latest);
        EpochHistory history = EpochHistory.read(latest.resolve(HISTORY_FILE));
        log.accept("glue: resumed after epoch " + history.completed() + " from " + latest);
        return history;
    }

    private static EpochHistory readLatest(Path dir) throws IOException {
        List<Path> dirs = epochDirs(dir);
        if (dirs.isEmpty()) {
            throw new IllegalStateException("no epoch finished: nothing to report");
        }
        return EpochHistory.read(dirs.get(dirs.size() - 1).resolve(HISTORY_FILE));
    }

    /** Finished epoch checkpoints ({@code epoch-N} holding a history), by N ascending. */
    private static List<Path> epochDirs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "epoch-*")) {
            for (Path p : s) {
                if (Files.isRegularFile(p.resolve(HISTORY_FILE))
                        && p.getFileName().toString().substring(6).matches("\\d+")) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingInt(
                p -> Integer.parseInt(p.getFileName().toString().substring(6))));
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
