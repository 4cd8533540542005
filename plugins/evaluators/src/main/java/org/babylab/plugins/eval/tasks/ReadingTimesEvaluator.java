package org.babylab.plugins.eval.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.eval.stats.NestedOls;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * Reading times: how much a model's surprisal adds to a baseline regression of human reading measures.
 *
 * <p>Surprisal of a row is {@code -log P(" " + word | item)} in nats, summed over the word's
 * sub-tokens. For each eye-tracking measure ({@code RTfirstfix, RTfirstpass, RTgopast,
 * RTrightbound}) two OLS models are fit on the same rows:
 * {@code dv ~ F + L + C + F:L + F:C + L:C} and the same {@code + surprisal} (F = Subtlex_log10,
 * L = length, C = context_length); the measure's score is
 * {@code (R2_full - R2_base) / (1 - R2_base) x 100} and {@code eye_tracking_score} is the mean over
 * the four. Self-paced reading uses F, L, C, {@code prev_length} and the previous word's surprisal
 * with all 10 pairwise interactions as the base. Rows missing any variable of a regression are
 * left out of that regression only (both of its models). See {@link ReadingData} for the CSV rules.
 * Under {@code rules: pipeline} surprisal is the pipeline's {@code get_p2} ({@link PipelineWordSurprisal})
 * and the CSV is read with pandas' missing-value strings ({@link ReadingData#read(Path, boolean)}).
 * Immutable.
 */
public final class ReadingTimesEvaluator implements Evaluator {
    private final PathConfig config;
    private final Path baseDir;

    public ReadingTimesEvaluator(PathConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    Path csv() {
        return baseDir.resolve(config.path()).normalize();
    }

    /** Surprisal in nats from a continuation score; NaN when no token of the word could be scored. */
    static double surprisal(ContinuationScore s) {
        return s.scoredTokens() == 0 ? Double.NaN : -s.logProb();
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        boolean pipeline = config.scoringRules() == ScoringRules.PIPELINE;
        List<ReadingRow> rows = ReadingData.read(csv(), pipeline);
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context, config);
        double[] surprisal = new double[rows.size()];
        double[] previousSurprisal = new double[rows.size()];
        if (pipeline) {
            List<PipelineWordSurprisal.Query> queries = new ArrayList<>();
            for (ReadingRow r : rows) {
                queries.add(new PipelineWordSurprisal.Query(r.context(), r.word()));
                queries.add(
                        r.previousContext() == null
                                ? null
                                : new PipelineWordSurprisal.Query(r.previousContext(), r.previousWord()));
            }
            double[] s =
                    PipelineWordSurprisal.surprisals(queries, scorer, model.tokenizer(), model.maxSequenceLength());
            for (int i = 0; i < rows.size(); i++) {
                surprisal[i] = s[2 * i];
                previousSurprisal[i] = s[2 * i + 1];
            }
        } else {
            List<ContinuationRequest> requests = new ArrayList<>();
            for (ReadingRow r : rows) {
                requests.add(new ContinuationRequest(r.context(), " " + r.word()));
                // The previous word's request repeats another row's almost always; the scorer dedupes it.
                requests.add(
                        r.previousContext() == null
                                ? null
                                : new ContinuationRequest(r.previousContext(), " " + r.previousWord()));
            }
            List<ContinuationScore> scored =
                    scorer.score(requests.stream().filter(Objects::nonNull).toList());
            int next = 0;
            for (int i = 0; i < rows.size(); i++) {
                surprisal[i] = surprisal(scored.get(next++));
                previousSurprisal[i] = requests.get(2 * i + 1) == null ? Double.NaN : surprisal(scored.get(next++));
            }
        }
        EvaluatorSupport.logStats(context, "reading-times", scorer);
        for (int i = 0; i < rows.size(); i++) {
            ReadingRow row = rows.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", "row:" + row.line());
            p.put("group", "reading-times");
            p.put("context", row.context());
            p.put("word", row.word());
            p.put("previous_context", row.previousContext());
            p.put("previous_word", row.previousWord());
            p.put("surprisal", finiteOrNull(surprisal[i]));
            p.put("previous_surprisal", finiteOrNull(previousSurprisal[i]));
            context.predictions().accept(p);
        }
        return result(rows, surprisal, previousSurprisal);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Fits every regression and assembles the metrics. Visible for tests, which supply surprisals directly. */
    static EvaluationResult result(List<ReadingRow> rows, double[] surprisal, double[] previousSurprisal) {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        double eyeSum = 0;
        for (int m = 0; m < ReadingData.EYE_TRACKING.size(); m++) {
            final int measure = m;
            NestedOls.Comparison c = fit(rows, surprisal, i -> rows.get(i).eyeTracking()[measure], i -> new double[] {
                rows.get(i).frequency(), rows.get(i).length(), rows.get(i).contextLength()
            });
            groups.put(ReadingData.EYE_TRACKING.get(m), metrics(c));
            eyeSum += c.score();
        }
        NestedOls.Comparison spr = fit(rows, surprisal, i -> rows.get(i).selfPaced(), i -> new double[] {
            rows.get(i).frequency(),
            rows.get(i).length(),
            rows.get(i).contextLength(),
            rows.get(i).previousLength(),
            previousSurprisal[i]
        });
        groups.put(ReadingData.SELF_PACED, metrics(spr));

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("eye_tracking_score", eyeSum / ReadingData.EYE_TRACKING.size());
        metrics.put("self_paced_reading_score", spr.score());
        long unscored =
                Arrays.stream(surprisal).filter(s -> !Double.isFinite(s)).count();
        metrics.put("rows_without_surprisal", (double) unscored);
        metrics.put("items", (double) rows.size());
        return new EvaluationResult("eye_tracking_score", metrics, groups, rows.size());
    }

    private static Map<String, Double> metrics(NestedOls.Comparison c) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("score", c.score());
        m.put("r2_base", c.r2Base());
        m.put("r2_full", c.r2Full());
        m.put("delta_r2", c.deltaR2());
        m.put("rows", (double) c.rows());
        return m;
    }

    /**
     * Fits base (mains and pairwise interactions) and base + surprisal on the rows where the
     * dependent variable, every main effect and the surprisal are finite.
     */
    private static NestedOls.Comparison fit(
            List<ReadingRow> rows, double[] surprisal, IntToDoubleFunction dv, IntFunction<double[]> mains) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> extra = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] main = mains.apply(i);
            double v = dv.applyAsDouble(i);
            if (!Double.isFinite(v)
                    || !Double.isFinite(surprisal[i])
                    || Arrays.stream(main).anyMatch(d -> !Double.isFinite(d))) {
                continue;
            }
            x.add(NestedOls.withPairwiseInteractions(main));
            y.add(v);
            extra.add(surprisal[i]);
        }
        return NestedOls.compare(
                y.stream().mapToDouble(Double::doubleValue).toArray(),
                x.toArray(new double[0][]),
                extra.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
