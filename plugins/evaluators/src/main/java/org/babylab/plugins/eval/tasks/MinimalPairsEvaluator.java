package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.choice.AccuracyTally;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.choice.ChoiceRunner;
import org.babylab.toolkit.choice.GroupMetrics;
import org.babylab.toolkit.choice.ItemResult;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.data.PreparedData;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * BLiMP-style minimal pairs (also the BLiMP supplement and generated pairs): each sentence is scored
 * whole (sum of its token log-probs), the pair is correct when the good sentence scores strictly
 * higher, accuracy is computed per UID and averaged over UIDs with equal weight.
 *
 * <p>The UID is the record's {@code UID} field, or the file's stem when there is none (the
 * supplement's rule). When records carry {@code field}, per-field groups ({@code field:syntax}) are
 * reported as the mean over that field's UIDs; {@code syntax_semantics} is merged into
 * {@code syntax/semantics} (the BLiMP files spell that field both ways; the pipeline merges them too).
 * Records with {@code linguistics_term} add groups {@code linguistics_term:<term>} the same way. Each
 * such group also gives {@code accuracy_items}, the item-weighted accuracy the pipeline reports for
 * fields and terms; under {@code rules: pipeline} that is also the group's {@code accuracy}.
 * The pairs are read once per data path and shared by the evaluators of every model (see
 * {@link PreparedData}). Immutable; one instance per evaluation step.
 */
public final class MinimalPairsEvaluator implements Evaluator {
    private final String task;
    private final MinimalPairsConfig config;
    private final Path baseDir;
    private final PreparedData<Pairs> prepared;

    /**
     * The pairs of one data path, read once for all the models scored on them.
     *
     * @param items one item per record, in file order
     * @param fieldOfUid each UID's BLiMP field, where records carry one
     * @param termOfUid each UID's linguistics term, where records carry one
     */
    public record Pairs(List<ChoiceItem> items, Map<String, String> fieldOfUid, Map<String, String> termOfUid) {
        public Pairs {
            items = List.copyOf(items);
            fieldOfUid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldOfUid));
            termOfUid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(termOfUid));
        }
    }

    /** An evaluator that reads its pairs on its own (for tests and one-off use). */
    public MinimalPairsEvaluator(String task, MinimalPairsConfig config, Path baseDir) {
        this(task, config, baseDir, new PreparedData<>(1));
    }

    /** An evaluator that takes its pairs from {@code prepared}, shared with the factory's other evaluators. */
    public MinimalPairsEvaluator(String task, MinimalPairsConfig config, Path baseDir, PreparedData<Pairs> prepared) {
        this.task = task;
        this.config = config;
        this.baseDir = baseDir;
        this.prepared = prepared;
    }

    /** Reads the pairs; one item per record, grouped by UID. Visible for tests. */
    List<ChoiceItem> items(Map<String, String> fieldOfUid) throws IOException {
        return items(fieldOfUid, new LinkedHashMap<>());
    }

    /** The pipeline's spelling of a BLiMP field: {@code syntax_semantics} becomes {@code syntax/semantics}. */
    static String standardField(String field) {
        return field.equals("syntax_semantics") ? "syntax/semantics" : field;
    }

    /** Reads the pairs; {@code fieldOfUid} and {@code termOfUid} receive each UID's field and linguistics term. */
    List<ChoiceItem> items(Map<String, String> fieldOfUid, Map<String, String> termOfUid) throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, null)) {
            for (JsonRecord r : file.records()) {
                String good = r.text("sentence_good");
                String bad = r.text("sentence_bad");
                String uid = r.optionalText("UID").orElse(file.name());
                r.optionalText("field").ifPresent(f -> fieldOfUid.putIfAbsent(uid, standardField(f)));
                r.optionalText("linguistics_term").ifPresent(t -> termOfUid.putIfAbsent(uid, t));
                if (good.isEmpty() || bad.isEmpty()) {
                    throw r.error("sentence_good and sentence_bad must be non-empty");
                }
                items.add(new ChoiceItem(
                        file.name() + ":" + r.line(),
                        uid,
                        List.of(ContinuationRequest.wholeText(good), ContinuationRequest.wholeText(bad))));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(config.path()
                    + ": no minimal pair found; expected JSONL lines with sentence_good and sentence_bad");
        }
        return items;
    }

    /**
     * One group per category (field or linguistics term) of the UIDs: rates averaged over the
     * category's UIDs, plus {@code accuracy_items}, the item-weighted accuracy (the pipeline's
     * number), which becomes {@code accuracy} when {@code itemWeighted}.
     */
    static Map<String, Map<String, Double>> categoryGroups(
            String prefix,
            Map<String, String> categoryOfUid,
            Map<String, AccuracyTally> byUid,
            TieRule rule,
            boolean itemWeighted) {
        Map<String, List<Map<String, Double>>> uidMetrics = new LinkedHashMap<>();
        Map<String, AccuracyTally> pooled = new LinkedHashMap<>();
        categoryOfUid.forEach((uid, category) -> {
            AccuracyTally t = byUid.get(uid);
            uidMetrics.computeIfAbsent(category, c -> new ArrayList<>()).add(t.metrics(rule));
            pooled.computeIfAbsent(category, c -> new AccuracyTally()).merge(t);
        });
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        uidMetrics.forEach((category, metrics) -> {
            Map<String, Double> m = GroupMetrics.macro(metrics);
            double items = pooled.get(category).accuracy(rule);
            m.put("accuracy_uid_mean", m.get("accuracy"));
            m.put("accuracy_items", items);
            if (itemWeighted) {
                m.put("accuracy", items);
            }
            out.put(prefix + category, m);
        });
        return out;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        TieRule rule = config.tieRule();
        long before = prepared.preparations();
        Pairs pairs = prepared.get(List.of(config.path(), baseDir), JsonlSource.files(config.path(), baseDir), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> terms = new LinkedHashMap<>();
            List<ChoiceItem> read = items(fields, terms);
            return new Pairs(read, fields, terms);
        });
        if (prepared.preparations() == before) {
            context.log(task + ": pairs of " + config.path() + " already read for another model; reusing them");
        }
        List<ChoiceItem> items = pairs.items();
        Map<String, String> fieldOfUid = pairs.fieldOfUid();
        Map<String, String> termOfUid = pairs.termOfUid();
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context, config);
        List<ItemResult> results = ChoiceRunner.run(items, scorer, rule, context.predictions());
        EvaluatorSupport.logStats(context, task, scorer);

        Map<String, AccuracyTally> byUid = ChoiceRunner.tallyByGroup(results);
        Map<String, Map<String, Double>> groups = EvaluatorSupport.groupMetrics(byUid, rule);
        boolean itemWeighted = config.scoringRules() == ScoringRules.PIPELINE;
        groups.putAll(categoryGroups("field:", fieldOfUid, byUid, rule, itemWeighted));
        groups.putAll(categoryGroups("linguistics_term:", termOfUid, byUid, rule, itemWeighted));
        return new EvaluationResult("accuracy", EvaluatorSupport.overall(byUid, rule), groups, results.size());
    }
}
