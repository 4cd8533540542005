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
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScorer;

/**
 * Entity tracking (Kim and Schuster 2023, BabyLM 2025 format): each option is scored as
 * {@code log P(option | input_prefix)} (the prefix ends with a space, the option is appended as is);
 * option 0 is gold. Accuracy is computed per {@code numops} within each file, averaged over the
 * numops groups of the file, then averaged over files (the pipeline's {@code <file>_<n>_ops} UIDs,
 * grouped). Groups reported: {@code <file>/numops=<n>} and {@code <file>}. Immutable.
 */
public final class EntityTrackingEvaluator implements Evaluator {
    private final ZippedTaskConfig config;
    private final Path baseDir;

    public EntityTrackingEvaluator(ZippedTaskConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    /** The group of an item: its file, then its number of operations. */
    static String group(String file, int numops) {
        return file + "/numops=" + numops;
    }

    List<ChoiceItem> items() throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, config.password())) {
            for (JsonRecord r : file.records()) {
                String prefix = r.text("input_prefix");
                List<String> options = r.textList("options");
                if (options.size() < 2) {
                    throw r.error(
                            "options must hold the gold answer and at least one distractor, got " + options.size());
                }
                List<ContinuationRequest> requests = new ArrayList<>();
                for (String o : options) {
                    if (o.isEmpty()) {
                        throw r.error("options must be non-empty strings");
                    }
                    requests.add(new ContinuationRequest(prefix, o));
                }
                items.add(new ChoiceItem(
                        file.name() + ":" + r.line(), group(file.name(), r.integer("numops")), requests));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(config.path()
                    + ": no entity-tracking item found; expected JSONL lines with input_prefix, options, numops");
        }
        return items;
    }

    /**
     * Two-level average: numops groups within a file with equal weight, then files with equal weight.
     * Returns the overall metrics and adds one group per file to {@code groups}.
     */
    static Map<String, Double> aggregate(
            Map<String, AccuracyTally> byGroup, TieRule rule, Map<String, Map<String, Double>> groups) {
        Map<String, List<Map<String, Double>>> byFile = new LinkedHashMap<>();
        byGroup.forEach(
                (g, t) -> byFile.computeIfAbsent(g.substring(0, g.lastIndexOf("/numops=")), f -> new ArrayList<>())
                        .add(t.metrics(rule)));
        Map<String, Map<String, Double>> fileMetrics = new LinkedHashMap<>();
        byFile.forEach((f, numopsMetrics) -> fileMetrics.put(f, GroupMetrics.macro(numopsMetrics)));
        groups.putAll(fileMetrics);
        Map<String, Double> overall = GroupMetrics.macro(fileMetrics.values());
        AccuracyTally all = new AccuracyTally();
        byGroup.values().forEach(all::merge);
        overall.put("accuracy_micro", all.accuracy(rule));
        overall.put("ties_count_as_gold", rule == TieRule.GOLD ? 1.0 : 0.0);
        return overall;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        TieRule rule = config.tieRule();
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context, config);
        List<ItemResult> results = ChoiceRunner.run(items(), scorer, rule, context.predictions());
        EvaluatorSupport.logStats(context, "entity-tracking", scorer);
        Map<String, AccuracyTally> byGroup = ChoiceRunner.tallyByGroup(results);
        Map<String, Map<String, Double>> groups = EvaluatorSupport.groupMetrics(byGroup, rule);
        Map<String, Double> overall = aggregate(byGroup, rule, groups);
        return new EvaluationResult("accuracy", overall, groups, results.size());
    }
}
