package org.babylab.datagen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * The data of {@code experiments/llamalogue-mini.yaml}: the llamalogue design (a LLaMA pretrained on
 * mother/child dialogue, then tuned by DPO and PPO to answer contingently) on the quickstart grammar,
 * in the CHILDES turn format of the real dialogue DPO set ({@code *MOT:} / {@code *CHI:}).
 * <ul>
 *   <li>{@code corpus/train.txt}: one conversation per line, a few caregiver utterances and
 *   caregiver-child exchanges, e.g. {@code *MOT: is the cow big ? *CHI: yes , the cow is big .};</li>
 *   <li>{@code dpo/train.json}, {@code dpo/eval.json}: preference pairs {@code {prompt, chosen,
 *   rejected}}: the prompt a caregiver turn, chosen the contingent child reply, rejected the reply to
 *   another prompt (a non-contingent answer), from separate random streams.</li>
 * </ul>
 * Deterministic for a seed. Stateless.
 */
public final class LlamalogueMiniData {
    public static final long DEFAULT_SEED = 20_251_202L;
    static final int CONVERSATIONS = 4_000;
    static final int TRAIN_PAIRS = 1_000;
    static final int EVAL_PAIRS = 300;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LlamalogueMiniData() {}

    /** Writes the files below {@code dir}. */
    public static void generate(Path dir, long seed) throws IOException {
        ChildGrammar grammar = new ChildGrammar();
        InstructionData instructions = new InstructionData(grammar.lexicon());
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom corpusRandom = root.split();
        SplittableRandom trainRandom = root.split();
        SplittableRandom evalRandom = root.split();

        List<String> lines = new ArrayList<>();
        List<String> caregiver = grammar.sentences(CONVERSATIONS * 2, corpusRandom.split());
        List<InstructionData.Exchange> exchanges = instructions.conversation(CONVERSATIONS * 2, corpusRandom.split());
        SplittableRandom shape = corpusRandom.split();
        int u = 0;
        int x = 0;
        for (int c = 0; c < CONVERSATIONS; c++) {
            StringBuilder sb = new StringBuilder();
            int turns = 1 + shape.nextInt(3);
            for (int t = 0; t < turns; t++) {
                if (shape.nextInt(3) == 0 && u < caregiver.size()) {
                    append(sb, "*MOT: " + caregiver.get(u++));
                }
                InstructionData.Exchange e = exchanges.get(x++ % exchanges.size());
                append(sb, "*MOT: " + e.prompt());
                append(sb, "*CHI: " + e.reply());
            }
            lines.add(sb.toString());
        }
        writeText(dir.resolve("corpus/train.txt"), String.join("\n", lines) + "\n");
        writeText(dir.resolve("dpo/train.json"), json(pairs(instructions, TRAIN_PAIRS, trainRandom)) + "\n");
        writeText(dir.resolve("dpo/eval.json"), json(pairs(instructions, EVAL_PAIRS, evalRandom)) + "\n");
        writeText(
                dir.resolve("README.md"),
                String.join(
                        "\n",
                        List.of(
                                "# llamalogue-mini data (generated, do not edit)",
                                "",
                                "Written by `org.babylab.datagen.LlamalogueMiniData` (module `plugins/datagen`) with seed "
                                        + seed + ";",
                                "a test regenerates it and fails if these files differ by a single byte.",
                                "",
                                "- `corpus/train.txt`: " + CONVERSATIONS
                                        + " conversations, one per line, in the CHILDES turn format (`*MOT:` caregiver, `*CHI:` child).",
                                "- `dpo/train.json`: " + TRAIN_PAIRS
                                        + " preference pairs `{prompt, chosen, rejected}` (JSON array): a caregiver turn, the child's",
                                "  contingent reply, and a reply to another prompt.",
                                "- `dpo/eval.json`: " + EVAL_PAIRS
                                        + " held-out pairs of the same kind, from another random stream (templates may recur).",
                                "")));
    }

    private static void append(StringBuilder sb, String turn) {
        sb.append(sb.length() == 0 ? "" : " ").append(turn);
    }

    /** Pairs whose rejected reply belongs to another exchange and differs from the chosen one. */
    private static List<Map<String, Object>> pairs(InstructionData instructions, int n, SplittableRandom random) {
        List<InstructionData.Exchange> ex = instructions.conversation(n * 2, random.split());
        SplittableRandom pick = random.split();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InstructionData.Exchange e = ex.get(i);
            String rejected;
            do {
                rejected = ex.get(pick.nextInt(ex.size())).reply();
            } while (rejected.equals(e.reply()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("prompt", "*MOT: " + e.prompt());
            r.put("chosen", "*CHI: " + e.reply());
            r.put("rejected", "*CHI: " + rejected);
            out.add(r);
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise the pairs", e);
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.replace("\r\n", "\n"), StandardCharsets.UTF_8);
    }

    /** {@code LlamalogueMiniData <dir> [seed]}: writes the llamalogue-mini files into {@code dir}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LlamalogueMiniData <output-dir> [seed, default " + DEFAULT_SEED + "]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        generate(Path.of(args[0]), seed);
        System.out.println("wrote llamalogue-mini data with seed " + seed + " to "
                + Path.of(args[0]).toAbsolutePath().normalize());
    }
}
