package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.choice.AccuracyTally;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.choice.ChoiceRunner;
import org.babylab.toolkit.choice.ItemResult;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScorer;

/**
 * EWoK (Elements of World Knowledge), the BabyLM 2025 pairing: each line is scored as
 * {@code log P(" " + Target1 | Context1)} against {@code log P(" " + Target2 | Context1)}, Target1
 * being gold. {@code Context2} is not read: the 2025 data writes every item a second time with the
 * contexts and targets swapped, so the other context is covered by its own line, exactly as the
 * official pipeline (which also conditions both targets on {@code Context1}) does. Accuracy is
 * computed per {@code Domain} (the file stem when the field is absent) and averaged over domains.
 * Like the pipeline it also reports item-weighted breakdowns by {@code ContextType},
 * {@code ContextDiff} and {@code TargetDiff} (groups {@code context_type:<v>},
 * {@code context_contrast:<v>}, {@code target_contrast:<v>}), when the data has those fields; they do
 * not enter the overall mean. Immutable; one instance per evaluation step.
 */
public final class EwokEvaluator implements Evaluator {
    private final ZippedTaskConfig config;
    private final Path baseDir;

    public EwokEvaluator(ZippedTaskConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    /** Breakdown group names of the pipeline, keyed by the EWoK field they come from. */
    static final Map<String, String> BREAKDOWNS =
            Map.of("ContextType", "context_type", "ContextDiff", "context_contrast", "TargetDiff", "target_contrast");

    List<ChoiceItem> items() throws IOException {
        return items(new LinkedHashMap<>());
    }

    /** Reads the items; {@code breakdowns} receives, per item id, its breakdown groups. */
    List<ChoiceItem> items(Map<String, List<String>> breakdowns) throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, config.password())) {
            for (JsonRecord r : file.records()) {
                String context = r.text("Context1");
                String domain = r.optionalText("Domain").orElse(file.name());
                String id = file.name() + ":" + r.line();
                List<String> extra = new ArrayList<>();
                for (String field : List.of("ContextType", "ContextDiff", "TargetDiff")) {
                    r.optionalText(field).ifPresent(v -> extra.add(BREAKDOWNS.get(field) + ":" + v));
                }
                breakdowns.put(id, extra);
                items.add(new ChoiceItem(
                        id,
                        domain,
                        List.of(
                                new ContinuationRequest(context, " " + r.text("Target1")),
                                new ContinuationRequest(context, " " + r.text("Target2")))));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(
                    config.path() + ": no EWoK item found; expected JSONL lines with Context1, Target1, Target2");
        }
        return items;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        TieRule rule = config.tieRule();
        Map<String, List<String>> breakdowns = new LinkedHashMap<>();
        List<ChoiceItem> items = items(breakdowns);
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context, config);
        List<ItemResult> results = ChoiceRunner.run(items, scorer, rule, context.predictions());
        EvaluatorSupport.logStats(context, "ewok", scorer);
        Map<String, AccuracyTally> byDomain = ChoiceRunner.tallyByGroup(results);
        Map<String, Map<String, Double>> groups = EvaluatorSupport.groupMetrics(byDomain, rule);
        Map<String, AccuracyTally> byBreakdown = new TreeMap<>();
        for (ItemResult r : results) {
            for (String g : breakdowns.get(r.item().id())) {
                byBreakdown.computeIfAbsent(g, k -> new AccuracyTally()).add(r);
            }
        }
        groups.putAll(EvaluatorSupport.groupMetrics(byBreakdown, rule));
        return new EvaluationResult("accuracy", EvaluatorSupport.overall(byDomain, rule), groups, results.size());
    }
}
