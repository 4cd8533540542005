package org.babylab.plugins.llama.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.babylab.api.step.KeptCheckpoint;

/**
 * The kept checkpoints of a training run and when each is due. A checkpoint is taken after the
 * first optimiser step at which training has seen at least its words or tokens, has done its step,
 * or has finished its epoch: a function of the data order and the step only, so the same checkpoint
 * of a longer run is taken at the same step with the same weights (when the schedule allows, see
 * {@link CausalLmStageFactory#lengthKeys}). Immutable.
 *
 * @param points the checkpoints, in the order they were declared (words, tokens, steps, epochs)
 */
public record KeepSchedule(List<KeptCheckpoint> points) {
    /** The BabyLM 2025 schedule: every 1M words up to 10M, every 10M up to 100M, then every 100M. */
    public static final String BABYLM_2025 = "babylm-2025";
    /** Every epoch's end. */
    public static final String ALL_EPOCHS = "all";

    public KeepSchedule {
        points = List.copyOf(points);
    }

    /** Where training stands after a step: steps done, target tokens and words seen, epochs completed. */
    public record Position(long step, long tokens, long words, int epochs) {
        public static final Position START = new Position(0, 0, 0, 0);
    }

    /**
     * The schedule of {@code keep} for a run of {@code epochs} epochs over data of {@code wordsPerEpoch}
     * words (-1 when unknown: then kept-by-words is refused). Word counts and epochs beyond the run's
     * {@code epochs * wordsPerEpoch} words or its epochs are left out (kept once a longer run gets
     * there); token counts and steps cannot be known before tokenizing, so one the run does not reach
     * fails its checkpoint step.
     *
     * @throws IllegalArgumentException naming the bad entry and what would be valid
     */
    public static KeepSchedule of(KeepConfig keep, int epochs, long wordsPerEpoch) {
        List<KeptCheckpoint> out = new ArrayList<>();
        if (keep == null) {
            return new KeepSchedule(out);
        }
        java.util.TreeSet<Long> words = new java.util.TreeSet<>();
        if (!keep.words().isEmpty()) {
            if (wordsPerEpoch < 0) {
                throw new IllegalArgumentException(
                        "keep.words needs the words of one epoch before training; hold out with eval_data"
                                + " instead of eval_fraction (a random share of windows has no exact word count)");
            }
            long total = wordsPerEpoch * epochs;
            for (String w : keep.words()) {
                if (w.equals(BABYLM_2025)) {
                    words.addAll(babylm2025(total));
                } else {
                    long n = parseSize("keep.words", w);
                    if (n <= total) {
                        // Like the preset, a list names the checkpoints to keep when the run gets there:
                        // a longer run (more epochs) then adds the later ones.
                        words.add(n);
                    }
                }
            }
        }
        words.forEach(n -> out.add(new KeptCheckpoint(format(n), Map.of("words", n))));
        java.util.TreeSet<Long> tokens = new java.util.TreeSet<>();
        keep.tokens().forEach(t -> tokens.add(parseSize("keep.tokens", t)));
        tokens.forEach(n -> out.add(new KeptCheckpoint("tokens-" + format(n), Map.of("tokens", n))));
        new java.util.TreeSet<>(keep.steps()).forEach(s -> out.add(new KeptCheckpoint("step-" + s, Map.of("step", s))));
        java.util.TreeSet<Integer> ep = new java.util.TreeSet<>();
        for (String e : keep.epochs()) {
            if (e.equals(ALL_EPOCHS)) {
                for (int i = 1; i <= epochs; i++) {
                    ep.add(i);
                }
            } else {
                int n = Integer.parseInt(e.trim());
                if (n <= epochs) {
                    ep.add(n);
                }
            }
        }
        ep.forEach(n -> out.add(new KeptCheckpoint("epoch-" + n, Map.of("epoch", n))));
        return new KeepSchedule(out);
    }

    /** Every 1M words up to 10M, every 10M up to 100M, then every 100M: those at most {@code total}. */
    static List<Long> babylm2025(long total) {
        List<Long> out = new ArrayList<>();
        for (long w = 1_000_000; w <= total; ) {
            out.add(w);
            w += w < 10_000_000 ? 1_000_000 : w < 100_000_000 ? 10_000_000 : 100_000_000;
        }
        return out;
    }

    /** The checkpoints due after a step that moved training from {@code before} to {@code after}. */
    public List<String> due(Position before, Position after) {
        List<String> out = new ArrayList<>();
        for (KeptCheckpoint p : points) {
            Map.Entry<String, Object> e = p.position().entrySet().iterator().next();
            long at = ((Number) e.getValue()).longValue();
            long was = switch (e.getKey()) {
                case "words" -> before.words();
                case "tokens" -> before.tokens();
                case "step" -> before.step();
                default -> before.epochs();
            };
            long now = switch (e.getKey()) {
                case "words" -> after.words();
                case "tokens" -> after.tokens();
                case "step" -> after.step();
                default -> after.epochs();
            };
            if (was < at && now >= at) {
                out.add(p.name());
            }
        }
        return out;
    }

    /**
     * A count written {@code 1M}, {@code 1.5M}, {@code 500K}, {@code 2B} or {@code 1000000}.
     *
     * @throws IllegalArgumentException naming {@code what} and the valid forms
     */
    public static long parseSize(String what, String text) {
        String t = text.trim().replace("_", "").toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("B")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1_000L;
                case 'M' -> 1_000_000L;
                default -> 1_000_000_000L;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * unit;
            if (!(v >= 1) || v != Math.floor(v) || v > Long.MAX_VALUE / 2) {
                throw new NumberFormatException();
            }
            return (long) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " '" + text + "' is not a count; write e.g. 500K, 1M, 1.5M, 2B or 1000000");
        }
    }

    /** {@code n} in the shortest exact form with a K, M or B suffix: 1M, 1.5M, 500K, 1234. */
    public static String format(long n) {
        long[] units = {1_000_000_000L, 1_000_000L, 1_000L};
        String[] suffix = {"B", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            if (n >= units[i]) {
                java.math.BigDecimal v = java.math.BigDecimal.valueOf(n).divide(java.math.BigDecimal.valueOf(units[i]));
                String s = v.stripTrailingZeros().toPlainString();
                if (s.length() <= 6) {
                    return s + suffix[i];
                }
            }
        }
        return Long.toString(n);
    }

    /** The positions of the checkpoints, by name, for logs. */
    public Map<String, Map<String, Object>> byName() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        points.forEach(p -> out.put(p.name(), p.position()));
        return out;
    }
}
