package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.eval.choice.ChoiceItem;
import org.babylab.plugins.eval.data.JsonRecord;
import org.babylab.plugins.eval.data.JsonlSource;
import org.babylab.plugins.eval.data.JsonlSource.NamedRecords;
import org.babylab.plugins.eval.scoring.ContinuationRequest;

/**
 * EWoK (Elements of World Knowledge), the BabyLM 2025 pairing: each line is scored as
 * {@code log P(" " + Target1 | Context1)} against {@code log P(" " + Target2 | Context1)}, Target1
 * being gold. {@code Context2} is not read: the 2025 data writes every item a second time with the
 * contexts and targets swapped, so the other context is covered by its own line, exactly as the
 * official pipeline (which also conditions both targets on {@code Context1}) does. Accuracy is
 * computed per {@code Domain} (the file stem when the field is absent) and averaged over domains.
 * Immutable; one instance per evaluation step.
 */
public final class EwokEvaluator implements Evaluator {
    private final ZippedTaskConfig config;
    private final Path baseDir;

    public EwokEvaluator(ZippedTaskConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    List<ChoiceItem> items() throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, config.password())) {
            for (JsonRecord r : file.records()) {
                String context = r.text("Context1");
                String domain = r.optionalText("Domain").orElse(file.name());
                items.add(new ChoiceItem(file.name() + ":" + r.line(), domain, List.of(
                        new ContinuationRequest(context, " " + r.text("Target1")),
                        new ContinuationRequest(context, " " + r.text("Target2")))));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(config.path() + ": no EWoK item found; expected JSONL lines with Context1, Target1, Target2");
        }
        return items;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        return EvaluatorSupport.groupedAccuracy("ewok", items(), config.tieRule(), model, context);
    }
}
