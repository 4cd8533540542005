package org.babylab.datagen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.core.ngram.NgramModel;
import org.babylab.plugins.core.ngram.WordTokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartDataTest {
    /** Lower-case tokens separated by single spaces, ending in sentence punctuation: the corpus style. */
    private static final Pattern CORPUS_STYLE = Pattern.compile("[a-z']+( [a-z',]+)* [.?!]");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path generated;

    @BeforeAll
    static void generate() throws IOException {
        QuickstartData.generate(generated, QuickstartData.DEFAULT_SEED);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static List<Map<String, Object>> jsonl(Path file) throws IOException {
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = JSON.readValue(line, Map.class);
            records.add(record);
        }
        return records;
    }

    @Test
    void shipped_files_are_exactly_what_the_generator_writes() throws IOException {
        String project = System.getProperty("babylab.project.dir");
        Assumptions.assumeTrue(project != null, "babylab.project.dir not set: skipping the shipped-data comparison");
        Path shipped = Path.of(project, "experiments", "data", "quickstart");
        Assumptions.assumeTrue(
                Files.isDirectory(shipped), shipped + " not present: skipping the shipped-data comparison");
        assertEquals(files(generated), files(shipped), "the same file names; regenerate with QuickstartData.main");
        for (Path relative : files(generated)) {
            assertArrayEquals(
                    Files.readAllBytes(generated.resolve(relative)),
                    Files.readAllBytes(shipped.resolve(relative)),
                    relative + " differs from the generator's output; regenerate with QuickstartData.main " + shipped);
        }
    }

    @Test
    void the_same_seed_gives_the_same_bytes_and_another_seed_other_data(@TempDir Path again, @TempDir Path other)
            throws IOException {
        QuickstartData.generate(again, QuickstartData.DEFAULT_SEED);
        QuickstartData.generate(other, QuickstartData.DEFAULT_SEED + 1);
        Path train = Path.of("corpus", "train.txt");
        assertArrayEquals(Files.readAllBytes(generated.resolve(train)), Files.readAllBytes(again.resolve(train)));
        assertFalse(java.util.Arrays.equals(
                Files.readAllBytes(generated.resolve(train)), Files.readAllBytes(other.resolve(train))));
    }

    @Test
    void corpus_has_the_promised_size_and_every_utterance_is_licensed_by_the_grammar() throws IOException {
        ChildGrammar grammar = new ChildGrammar();
        List<String> train = Files.readAllLines(generated.resolve("corpus/train.txt"));
        List<String> dev = Files.readAllLines(generated.resolve("corpus/dev.txt"));
        assertEquals(QuickstartData.TRAIN_UTTERANCES, train.size());
        assertEquals(QuickstartData.DEV_UTTERANCES, dev.size());
        for (String line : dev) {
            assertTrue(CORPUS_STYLE.matcher(line).matches(), "not in corpus style: " + line);
            assertTrue(grammar.licenses(line), "not licensed: " + line);
        }
        long total = 0;
        for (Path f : files(generated)) {
            total += Files.size(generated.resolve(f));
        }
        assertTrue(total < 3_000_000, "the shipped quickstart must stay under ~3 MB, is " + total);
    }

    @Test
    void every_minimal_pair_differs_its_good_sentence_is_licensed_and_its_bad_one_is_not() throws IOException {
        ChildGrammar grammar = new ChildGrammar();
        Lexicon lexicon = grammar.lexicon();
        Set<String> knownWords = new HashSet<>(lexicon.allWords());
        knownWords.addAll(grammar.templates().stream()
                .flatMap(t -> t.parts().stream())
                .filter(p -> !Template.isSlot(p))
                .toList());
        knownWords.add("eated");
        List<Path> paradigmFiles = files(generated.resolve("eval/minimal_pairs"));
        assertTrue(paradigmFiles.size() >= 6, "at least six paradigms, got " + paradigmFiles);
        for (Path name : paradigmFiles) {
            List<Map<String, Object>> pairs =
                    jsonl(generated.resolve("eval/minimal_pairs").resolve(name));
            assertTrue(pairs.size() >= 100 && pairs.size() <= 200, name + " has " + pairs.size() + " pairs");
            for (int i = 0; i < pairs.size(); i++) {
                Map<String, Object> pair = pairs.get(i);
                assertEquals(
                        List.of("sentence_good", "sentence_bad", "field", "linguistics_term", "UID", "pair_id"),
                        List.copyOf(pair.keySet()));
                assertEquals(name.toString().replace(".jsonl", ""), pair.get("UID"));
                assertEquals(i, pair.get("pair_id"));
                String good = (String) pair.get("sentence_good");
                String bad = (String) pair.get("sentence_bad");
                assertNotEquals(good, bad);
                assertEquals(
                        good.split(" ").length,
                        bad.split(" ").length,
                        "a minimal pair keeps the length: " + good + " / " + bad);
                for (String s : List.of(good, bad)) {
                    assertTrue(CORPUS_STYLE.matcher(s).matches(), "not in corpus style: " + s);
                    for (String w : s.split(" ")) {
                        assertTrue(
                                knownWords.contains(w)
                                        || lexicon.contains("OVERREG_TR", w)
                                        || lexicon.contains("OVERREG_AWAY", w),
                                "'" + w + "' in '" + s + "' is neither a grammar word nor a listed overregularisation");
                    }
                }
                assertTrue(grammar.licenses(good), "good sentence not licensed by the grammar: " + good);
                assertFalse(grammar.licenses(bad), "bad sentence licensed by the grammar: " + bad);
            }
        }
    }

    @Test
    void instruction_files_hold_prompt_reply_and_source() throws IOException {
        for (String[] file :
                List.of(new String[] {"conversation.jsonl", "switchboard"}, new String[] {"qa.jsonl", "simple_wiki"})) {
            List<Map<String, Object>> records =
                    jsonl(generated.resolve("instructions").resolve(file[0]));
            assertEquals(1000, records.size(), file[0]);
            assertEquals(records.size(), new HashSet<>(records).size(), file[0] + " has no duplicate record");
            for (Map<String, Object> r : records) {
                assertEquals(List.of("prompt", "reply", "source"), List.copyOf(r.keySet()));
                assertEquals(file[1], r.get("source"));
                assertTrue(CORPUS_STYLE.matcher((String) r.get("prompt")).matches(), "prompt: " + r);
                assertTrue(CORPUS_STYLE.matcher((String) r.get("reply")).matches(), "reply: " + r);
            }
        }
    }

    @Test
    void each_paradigm_is_learnable_exactly_from_its_cue_order() throws IOException {
        Map<Integer, NgramModel> models = new java.util.HashMap<>();
        for (int order = 2; order <= 4; order++) {
            try (Stream<String> lines = Files.lines(generated.resolve("corpus/train.txt"))) {
                models.put(order, NgramModel.train(lines, order, 2, false, ProgressReporter.none(), () -> false));
            }
        }
        for (MinimalPairParadigms.Paradigm p : new MinimalPairParadigms(new ChildGrammar()).paradigms()) {
            List<Map<String, Object>> pairs = jsonl(generated.resolve("eval/minimal_pairs/" + p.uid() + ".jsonl"));
            double atCueOrder = accuracy(models.get(p.cueOrder()), pairs);
            assertTrue(
                    atCueOrder >= 0.9,
                    p.uid() + ": an order-" + p.cueOrder() + " model must learn it, accuracy " + atCueOrder);
            if (p.cueOrder() > 2) {
                double below = accuracy(models.get(p.cueOrder() - 1), pairs);
                assertTrue(
                        below < 0.75,
                        p.uid() + ": the cue is " + (p.cueOrder() - 1) + " words back, so an order-"
                                + (p.cueOrder() - 1) + " model should not see it, yet its accuracy is " + below);
            }
        }
    }

    private static double accuracy(NgramModel model, List<Map<String, Object>> pairs) {
        int correct = 0;
        for (Map<String, Object> pair : pairs) {
            if (score(model, (String) pair.get("sentence_good")) > score(model, (String) pair.get("sentence_bad"))) {
                correct++;
            }
        }
        return (double) correct / pairs.size();
    }

    private static double score(NgramModel model, String sentence) {
        int[] ids = model.tokenizer().encode(sentence).ids();
        int[] seq = new int[ids.length + 2];
        seq[0] = WordTokenizer.BOS;
        System.arraycopy(ids, 0, seq, 1, ids.length);
        seq[seq.length - 1] = WordTokenizer.EOS;
        double[] lp = model.logProbs(List.of(seq)).get(0);
        double sum = 0;
        for (int i = 1; i < lp.length; i++) {
            sum += lp[i];
        }
        return sum;
    }
}
