package org.babylab.plugins.llama.train;

import java.util.List;
import org.babylab.api.config.Doc;

/**
 * Which intermediate checkpoints a {@code causal-lm} stage keeps ({@code keep:}). Each becomes an
 * addressable model output {@code stage@name} with its own store entry: {@code @10M} (words),
 * {@code @tokens-5M}, {@code @step-500}, {@code @epoch-3}. Parsed and checked by {@link KeepSchedule}.
 */
@Doc("Intermediate checkpoints to keep; each is a model output stage@name (e.g. pretrain@10M, pretrain@epoch-3)")
public record KeepConfig(
        @Doc(
                "Words seen (whitespace-separated words of the training text, as BabyLM counts them): babylm-2025 (every 1M up to 10M, every 10M up to 100M, then every 100M) or sizes such as [1M, 5M, 10M]")
        List<String> words,

        @Doc("Tokens seen (training targets), e.g. [500K, 2M]; named tokens-500K, tokens-2M")
        List<String> tokens,

        @Doc("Optimiser steps, e.g. [100, 500]; named step-100, step-500")
        List<Long> steps,

        @Doc("Ends of epochs: all, or numbers such as [1, 3]; named epoch-1, epoch-3")
        List<String> epochs) {

    public KeepConfig {
        for (List<?> l : java.util.Arrays.asList(words, tokens, steps, epochs)) {
            if (l != null && l.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("keep: lists cannot contain empty values");
            }
        }
        words = words == null ? List.of() : List.copyOf(words);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        steps = steps == null ? List.of() : List.copyOf(steps);
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        for (long s : steps) {
            if (s < 1) {
                throw new IllegalArgumentException("keep.steps must be >= 1, got " + s);
            }
        }
        words.forEach(w -> {
            if (!w.equals(KeepSchedule.BABYLM_2025)) {
                KeepSchedule.parseSize("keep.words", w);
            }
        });
        tokens.forEach(t -> KeepSchedule.parseSize("keep.tokens", t));
        epochs.forEach(e -> {
            if (!e.equals(KeepSchedule.ALL_EPOCHS)) {
                try {
                    if (Integer.parseInt(e.trim()) < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(
                            "keep.epochs takes 'all' or epoch numbers >= 1, got '" + e + "'");
                }
            }
        });
    }

    /** True when nothing is kept. */
    public boolean isEmpty() {
        return words.isEmpty() && tokens.isEmpty() && steps.isEmpty() && epochs.isEmpty();
    }
}
