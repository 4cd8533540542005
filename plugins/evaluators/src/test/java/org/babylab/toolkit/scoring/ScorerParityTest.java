package org.babylab.toolkit.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.babylab.api.model.LanguageModel;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.testkit.NaiveScorer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimised scorer must give every request the score the naive one-at-a-time scorer gives,
 * whatever dedupe, prefix sharing and batching it does.
 */
class ScorerParityTest {
    private static final List<String> CORPUS = List.of(
            "the cat sat on the mat.",
            "a dog ran to the park.",
            "Who should Derek hug after shocking Richard?",
            "Box 0 contains the hat and the map, Box 1 contains nothing.",
            "She was smiling in the dark, and then she left.");
    private static final String[] WORDS = {
        "the", "cat", "dog", "sat", "ran", "on", "to", "mat", "park", "Derek", "hug", "zebra", "?", ",", "."
    };

    /** Requests with duplicates, shared contexts, prefixes of one another and whole sentences. */
    static List<ContinuationRequest> requests() {
        Random rnd = new Random(7);
        List<ContinuationRequest> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder sentence = new StringBuilder(WORDS[rnd.nextInt(WORDS.length)]);
            int len = 1 + rnd.nextInt(12);
            for (int w = 0; w < len; w++) {
                sentence.append(' ').append(WORDS[rnd.nextInt(WORDS.length)]);
            }
            String s = sentence.toString();
            out.add(ContinuationRequest.wholeText(s));
            int cut = s.indexOf(' ');
            if (cut > 0) {
                // reading-times style: every word of the sentence given its preceding context
                String[] ws = s.split(" ");
                StringBuilder ctx = new StringBuilder(ws[0]);
                for (int w = 1; w < ws.length; w++) {
                    out.add(new ContinuationRequest(ctx.toString(), " " + ws[w]));
                    ctx.append(' ').append(ws[w]);
                }
                out.add(new ContinuationRequest(s.substring(0, cut), s.substring(cut)));
            }
            if (i % 5 == 0) {
                out.add(ContinuationRequest.wholeText(s)); // exact duplicate
            }
        }
        return out;
    }

    static List<LanguageModel> models(int batchTokens) {
        return List.of(
                new WordBigramModel(CORPUS, true, 512, batchTokens),
                new WordBigramModel(CORPUS, false, 512, batchTokens),
                new CharBigramModel(CORPUS, true, 512, batchTokens),
                new CharBigramModel(CORPUS, false, 512, batchTokens));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 4096})
    void optimised_scores_equal_naive_scores_within_1e4_for_every_item(int batchTokens) {
        List<ContinuationRequest> requests = requests();
        for (LanguageModel model : models(batchTokens)) {
            List<ContinuationScore> fast = new ContinuationScorer(model).score(requests);
            List<ContinuationScore> naive = new NaiveScorer(model).score(requests);
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(
                        naive.get(i).logProb(), fast.get(i).logProb(), 1e-4, "request " + i + " " + requests.get(i));
                assertEquals(naive.get(i).scoredTokens(), fast.get(i).scoredTokens(), "request " + i);
                assertEquals(naive.get(i).firstTokenUnscored(), fast.get(i).firstTokenUnscored(), "request " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void scores_do_not_depend_on_the_batch_size(int batchTokens) {
        List<ContinuationRequest> requests = requests();
        List<ContinuationScore> reference =
                new ContinuationScorer(new WordBigramModel(CORPUS, true, 512, 100_000)).score(requests);
        List<ContinuationScore> other =
                new ContinuationScorer(new WordBigramModel(CORPUS, true, 512, batchTokens)).score(requests);
        assertEquals(reference, other);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void identical_sequences_are_read_once_and_prefixes_ride_on_longer_sequences(boolean withBos) {
        List<ContinuationRequest> requests = requests();
        WordBigramModel model = new WordBigramModel(CORPUS, withBos, 512, 256);
        ContinuationScorer scorer = new ContinuationScorer(model);
        scorer.score(requests);
        ScoringStats s = scorer.lastStats();
        assertEquals(requests.size(), s.requests());
        assertTrue(s.distinctSequences() < s.requests(), "duplicates were not merged: " + s);
        assertTrue(s.modelSequences() < s.distinctSequences(), "prefixes were not shared: " + s);
        assertEquals(s.batches(), model.calls());
        assertEquals(s.modelTokens(), model.tokensRead());

        WordBigramModel naiveModel = new WordBigramModel(CORPUS, withBos, 512, 256);
        new NaiveScorer(naiveModel).score(requests);
        assertTrue(
                model.tokensRead() * 2 < naiveModel.tokensRead(),
                "optimised read " + model.tokensRead() + " tokens, naive " + naiveModel.tokensRead());
    }
}
