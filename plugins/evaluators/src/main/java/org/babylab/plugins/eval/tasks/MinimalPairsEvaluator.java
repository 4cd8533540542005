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
import org.babylab.plugins.eval.choice.AccuracyTally;
import org.babylab.plugins.eval.choice.ChoiceItem;
import org.babylab.plugins.eval.choice.ChoiceRunner;
import org.babylab.plugins.eval.choice.GroupMetrics;
import org.babylab.plugins.eval.choice.ItemResult;
import org.babylab.plugins.eval.choice.TieRule;
import org.babylab.plugins.eval.data.JsonRecord;
import org.babylab.plugins.eval.data.JsonlSource;
import org.babylab.plugins.eval.data.JsonlSource.NamedRecords;
import org.babylab.plugins.eval.scoring.ContinuationRequest;
import org.babylab.plugins.eval.scoring.ContinuationScorer;

/**
 * BLiMP-style minimal pairs (also the BLiMP supplement and generated pairs): each sentence is scored
 * whole (sum of its token log-probs), the pair is correct when the good sentence scores strictly
 * higher, accuracy is computed per UID and averaged over UIDs with equal weight.
 *
 * <p>The UID is the record's {@code UID} field, or the file's stem when there is none (the
 * supplement's rule). When records carry {@code field}, per-field groups ({@code field:syntax}) are
 * reported as the mean over that field's UIDs. Immutable; one instance per evaluation step.
 */
public final class MinimalPairsEvaluator implements Evaluator {
    private final String task;
    private final MinimalPairsConfig config;
    private final Path baseDir;

    public MinimalPairsEvaluator(String task, MinimalPairsConfig config, Path baseDir) {
        this.task = task;
        this.config = config;
        this.baseDir = baseDir;
    }

    /** Reads the pairs; one item per record, grouped by UID. Visible for tests. */
    List<ChoiceItem> items(Map<String, String> fieldOfUid) throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, null)) {
            for (JsonRecord r : file.records()) {
                String good = r.text("sentence_good");
                String bad = r.text("sentence_bad");
                String uid = r.optionalText("UID").orElse(file.name());
                r.optionalText("field").ifPresent(f -> fieldOfUid.putIfAbsent(uid, f));
                if (good.isEmpty() || bad.isEmpty()) {
                    throw r.error("sentence_good and sentence_bad must be non-empty");
                }
                items.add(new ChoiceItem(file.name() + ":" + r.line(), uid,
                        List.of(ContinuationRequest.wholeText(good), ContinuationRequest.wholeText(bad))));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(config.path() + ": no minimal pair found; expected JSONL lines with sentence_good and sentence_bad");
        }
        return items;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        TieRule rule = config.tieRule();
        Map<String, String> fieldOfUid = new LinkedHashMap<>();
        List<ChoiceItem> items = items(fieldOfUid);
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context);
        List<ItemResult> results = ChoiceRunner.run(items, scorer, rule, context.predictions());
        EvaluatorSupport.logStats(context, task, scorer);

        Map<String, AccuracyTally> byUid = ChoiceRunner.tallyByGroup(results);
        Map<String, Map<String, Double>> groups = EvaluatorSupport.groupMetrics(byUid, rule);
        Map<String, List<Map<String, Double>>> byField = new LinkedHashMap<>();
        fieldOfUid.forEach((uid, field) -> byField.computeIfAbsent(field, f -> new ArrayList<>()).add(groups.get(uid)));
        byField.forEach((field, uidMetrics) -> groups.put("field:" + field, GroupMetrics.macro(uidMetrics)));
        return new EvaluationResult("accuracy", EvaluatorSupport.overall(byUid, rule), groups, results.size());
    }
}
