package org.babylab.datagen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the quickstart data shipped in {@code experiments/data/quickstart}: a child-directed
 * speech corpus, BLiMP-format minimal pairs the corpus makes learnable, and instruction-tuning
 * prompt/reply pairs, all from the {@link ChildGrammar}.
 *
 * <p>Output is a pure function of the seed: one {@link SplittableRandom} is split into one stream per
 * file in a fixed order, all word lists are ordered, and nothing iterates a hash-ordered collection.
 * A test regenerates the data and compares it byte for byte with the shipped files.
 *
 * <p>Regenerate with {@code java -cp ... org.babylab.datagen.QuickstartData experiments/data/quickstart}.
 */
public final class QuickstartData {
    /** The seed of the shipped data. */
    public static final long DEFAULT_SEED = 20_251_121L;

    static final int TRAIN_UTTERANCES = 30_000;
    static final int DEV_UTTERANCES = 2_000;
    static final int PAIRS_PER_PARADIGM = 150;
    static final int CONVERSATIONS = 1_000;
    static final int QUESTION_ANSWERS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuickstartData() {}

    /**
     * Writes every quickstart file below {@code dir} (created if missing; existing files of the same
     * names are overwritten).
     */
    public static void generate(Path dir, long seed) throws IOException {
        ChildGrammar grammar = new ChildGrammar();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom devRandom = root.split();
        SplittableRandom pairsRandom = root.split();
        SplittableRandom conversationRandom = root.split();
        SplittableRandom qaRandom = root.split();

        writeLines(dir.resolve("corpus/train.txt"), grammar.sentences(TRAIN_UTTERANCES, trainRandom));
        writeLines(dir.resolve("corpus/dev.txt"), grammar.sentences(DEV_UTTERANCES, devRandom));

        MinimalPairParadigms paradigms = new MinimalPairParadigms(grammar);
        List<String> paradigmLines = new ArrayList<>();
        for (MinimalPairParadigms.Paradigm p : paradigms.paradigms()) {
            List<MinimalPairParadigms.Pair> pairs = paradigms.pairs(p, PAIRS_PER_PARADIGM, pairsRandom.split());
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("sentence_good", pairs.get(i).good());
                record.put("sentence_bad", pairs.get(i).bad());
                record.put("field", p.field());
                record.put("linguistics_term", p.linguisticsTerm());
                record.put("UID", p.uid());
                record.put("pair_id", i);
                lines.add(json(record));
            }
            writeLines(dir.resolve("eval/minimal_pairs/" + p.uid() + ".jsonl"), lines);
            paradigmLines.add("- `eval/minimal_pairs/" + p.uid() + ".jsonl`: " + pairs.size() + " pairs, e.g. `"
                    + pairs.get(0).good() + "` / `" + pairs.get(0).bad() + "`; learnable from order " + p.cueOrder());
        }

        InstructionData instructions = new InstructionData(grammar.lexicon());
        writeExchanges(
                dir.resolve("instructions/conversation.jsonl"),
                instructions.conversation(CONVERSATIONS, conversationRandom),
                "switchboard");
        writeExchanges(
                dir.resolve("instructions/qa.jsonl"),
                instructions.questionAnswers(QUESTION_ANSWERS, qaRandom),
                "simple_wiki");

        writeLines(dir.resolve("README.md"), readme(seed, paradigmLines));
    }

    private static List<String> readme(long seed, List<String> paradigmLines) {
        List<String> lines = new ArrayList<>(List.of(
                "# Quickstart data (generated, do not edit)",
                "",
                "Written by `org.babylab.datagen.QuickstartData` (module `plugins/datagen`) with seed " + seed + ";",
                "a test regenerates it and fails if these files differ by a single byte. To change the data, change the",
                "generator and run its `main` with this directory as the argument.",
                "",
                "A small probabilistic grammar of child-directed speech (CHILDES-like) produces everything. Text is lower",
                "case with punctuation as separate tokens, the corpus's own style, so a word n-gram scores exactly what it",
                "was trained on; the minimal pairs therefore are not capitalised like BLiMP's.",
                "",
                "- `corpus/train.txt`: " + TRAIN_UTTERANCES + " utterances, one per line.",
                "- `corpus/dev.txt`: " + DEV_UTTERANCES + " more from the same grammar."));
        lines.addAll(paradigmLines);
        lines.addAll(List.of(
                "  (BLiMP JSONL fields: `sentence_good`, `sentence_bad`, `field`, `linguistics_term`, `UID`, `pair_id`. \"learnable",
                "  from order n\": the deciding word is n-1 words back, so an n-gram of that order trained on `train.txt`",
                "  gets at least 90% of the pairs right, while (from order 3 up) one of the order below cannot.)",
                "- `instructions/conversation.jsonl`: " + CONVERSATIONS
                        + " caregiver-child exchanges `{prompt, reply, source: \"switchboard\"}`.",
                "- `instructions/qa.jsonl`: up to " + QUESTION_ANSWERS
                        + " simple factual question-answer pairs `{prompt, reply, source: \"simple_wiki\"}`."));
        return lines;
    }

    private static void writeExchanges(Path file, List<InstructionData.Exchange> exchanges, String source)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (InstructionData.Exchange e : exchanges) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("prompt", e.prompt());
            record.put("reply", e.reply());
            record.put("source", source);
            lines.add(json(record));
        }
        writeLines(file, lines);
    }

    private static String json(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + record, e);
        }
    }

    /** UTF-8, {@code \n} after every line, whatever the platform: the files are compared byte for byte. */
    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * {@code QuickstartData <dir> [seed]}: writes the quickstart files into {@code dir}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: QuickstartData <output-dir> [seed, default " + DEFAULT_SEED + "]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        Path dir = Path.of(args[0]);
        generate(dir, seed);
        System.out.println("wrote quickstart data with seed " + seed + " to "
                + dir.toAbsolutePath().normalize());
    }
}
