package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * WUG adjective nominalisation (Hofmann et al. 2024): each line holds two tab-separated sentences,
 * the {@code -ity} one first and the {@code -ness} one second, and the human {@code ratio} of
 * {@code -ity} choices. Both sentences are scored whole; the model's {@code -ity} probability is the
 * two-way softmax {@code 1 / (1 + exp(lp_ness - lp_ity))}; the score is Spearman's rho (average
 * ranks for ties) between it and {@code ratio}, times 100.
 *
 * <p>The softmax is monotonic in the log-odds {@code lp_ity - lp_ness}, so the rank correlation is
 * computed on the log-odds: the same rho, except that it does not collapse items whose softmax
 * rounds to exactly 0 or 1 into false ties (in double a difference beyond about 37 nats does). The
 * softmax value is still written to the predictions as {@code p_ity}.
 *
 * <p>Under {@code rules: pipeline} the rank correlation is computed as the pipeline does: on the
 * two-way softmax of the fp32 sums, in fp32 ({@link #softmaxFirstFp32}), which is exactly 1.0 once
 * the {@code -ity} sentence leads by more than about 16.6 nats (and exactly 0 once it trails by
 * more than about 103), so such items tie in rank. Both values are always reported
 * ({@code spearman_x100_log_odds}, {@code spearman_x100_fp32_softmax}). Immutable.
 */
public final class WugAdjectivesEvaluator implements Evaluator {
    private final PathConfig config;
    private final Path baseDir;

    public WugAdjectivesEvaluator(PathConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    /** One line: the two sentences and the human ratio. */
    record WugItem(String id, String ity, String ness, double ratio) {}

    List<WugItem> items() throws IOException {
        List<WugItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, null)) {
            for (JsonRecord r : file.records()) {
                String[] parts = r.text("sentences").split("\t", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw r.error(
                            "sentences must be two non-empty sentences separated by one tab (-ity first, -ness second), found "
                                    + parts.length + " part(s)");
                }
                double ratio = r.number("ratio");
                if (!(ratio >= 0 && ratio <= 1)) {
                    throw r.error("ratio must be a proportion in [0, 1], got " + ratio);
                }
                items.add(new WugItem(file.name() + ":" + r.line(), parts[0], parts[1], ratio));
            }
        }
        if (items.size() < 3) {
            throw new IOException(
                    config.path() + ": found " + items.size() + " item(s); a rank correlation needs at least 3");
        }
        return items;
    }

    /** The model's probability of the first sentence under a two-way softmax over the two log-probs. */
    static double softmaxFirst(double lpFirst, double lpSecond) {
        return 1.0 / (1.0 + Math.exp(lpSecond - lpFirst));
    }

    /**
     * The pipeline's {@code -ity} probability: the summed log-probs as fp32 values, then
     * {@code torch.softmax} in fp32 (subtract the maximum, exponentiate, divide by the sum).
     */
    static double softmaxFirstFp32(double lpFirst, double lpSecond) {
        float a = (float) lpFirst;
        float b = (float) lpSecond;
        float max = Math.max(a, b);
        float ea = (float) Math.exp(a - max);
        float eb = (float) Math.exp(b - max);
        return ea / (ea + eb);
    }

    /** Spearman's rho x 100 between {@code x} and {@code y}, average ranks for ties. */
    static double spearmanX100(double[] x, double[] y) {
        return 100.0 * new SpearmansCorrelation().correlation(x, y);
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        List<WugItem> items = items();
        List<ContinuationRequest> requests = new ArrayList<>();
        for (WugItem i : items) {
            requests.add(ContinuationRequest.wholeText(i.ity()));
            requests.add(ContinuationRequest.wholeText(i.ness()));
        }
        ContinuationScorer scorer = EvaluatorSupport.scorer(model, context, config);
        List<ContinuationScore> scores = scorer.score(requests);
        EvaluatorSupport.logStats(context, "wug-adjectives", scorer);

        double[] human = new double[items.size()];
        double[] logOdds = new double[items.size()];
        double[] logOddsNorm = new double[items.size()];
        double[] pFp32 = new double[items.size()];
        double[] pFp32Norm = new double[items.size()];
        for (int k = 0; k < items.size(); k++) {
            ContinuationScore ity = scores.get(2 * k);
            ContinuationScore ness = scores.get(2 * k + 1);
            human[k] = items.get(k).ratio();
            logOdds[k] = ity.logProb() - ness.logProb();
            logOddsNorm[k] = ity.meanLogProb() - ness.meanLogProb();
            pFp32[k] = softmaxFirstFp32(ity.logProb(), ness.logProb());
            pFp32Norm[k] = softmaxFirstFp32(ity.meanLogProb(), ness.meanLogProb());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", items.get(k).id());
            p.put("group", "wug-adjectives");
            p.put("sentences", List.of(items.get(k).ity(), items.get(k).ness()));
            p.put("scores", List.of(ity.logProb(), ness.logProb()));
            p.put("scores_length_normalised", List.of(ity.meanLogProb(), ness.meanLogProb()));
            p.put("p_ity", softmaxFirst(ity.logProb(), ness.logProb()));
            p.put("p_ity_fp32", pFp32[k]);
            p.put("human_ratio", human[k]);
            context.predictions().accept(p);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean pipeline = config.scoringRules() == ScoringRules.PIPELINE;
        double byLogOdds = spearmanX100(logOdds, human);
        double byFp32 = spearmanX100(pFp32, human);
        double primary = pipeline ? byFp32 : byLogOdds;
        if (Double.isNaN(primary)) {
            // Spearman's rho of a constant ranking is 0/0. Reporting 0 would claim "no correlation"
            // for a model that made no distinction at all, so the step fails and says why.
            throw new IllegalStateException(
                    "the model gives the -ity and -ness forms the same preference on all " + items.size()
                            + " items (a model that has seen none of the nonce adjectives, such as a word n-gram, scores every pair alike),"
                            + " so Spearman's rho with the human ratios is undefined; evaluate a subword or character model on wug-adjectives");
        }
        metrics.put("spearman_x100", primary);
        metrics.put("spearman_x100_length_normalised", spearmanX100(pipeline ? pFp32Norm : logOddsNorm, human));
        metrics.put("spearman_x100_log_odds", byLogOdds);
        metrics.put("spearman_x100_fp32_softmax", byFp32);
        metrics.put("items", (double) items.size());
        return new EvaluationResult("spearman_x100", metrics, Map.of(), items.size());
    }
}
