package org.babylab.plugins.core.ngram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.babylab.api.step.ProgressReporter;

/**
 * A training corpus read once into memory as token ids, with the vocabulary it implies.
 *
 * <p>Words are numbered as they are first met while reading, then renumbered once all counts are
 * known: specials first, then words by descending count (ties by string), words rarer than
 * {@code minCount} becoming {@code <unk>}. So the data is read once, and ids do not depend on hash
 * iteration order.
 *
 * @param tokenizer the vocabulary
 * @param ids padded sentences {@code <s> w1 .. wk </s>} end to end (only the first {@code length} entries)
 * @param length the number of valid entries in {@code ids}
 * @param sentences how many sentences (documents with at least one word) were read
 */
record TrainingCorpus(WordTokenizer tokenizer, int[] ids, int length, long sentences) {

    /**
     * Reads every document of {@code texts} as one sentence; documents without any word are skipped.
     *
     * @throws CancellationException when {@code cancelled} turns true
     */
    static TrainingCorpus read(
            Stream<String> texts,
            int minCount,
            boolean lowercase,
            ProgressReporter progress,
            BooleanSupplier cancelled) {
        Map<String, Integer> firstSeen = new HashMap<>();
        List<String> words = new ArrayList<>(WordTokenizer.SPECIALS);
        for (String s : WordTokenizer.SPECIALS) {
            firstSeen.put(s, firstSeen.size());
        }
        IntList counts = new IntList();
        for (int i = 0; i < words.size(); i++) {
            counts.add(0);
        }
        IntList ids = new IntList();
        long[] sentences = {0};
        progress.start("read corpus", "documents", 0);
        texts.forEach(text -> {
            int before = ids.size();
            ids.add(WordTokenizer.BOS);
            WordTokenizer.forEachWord(text, lowercase, word -> {
                Integer id = firstSeen.get(word);
                if (id == null) {
                    id = words.size();
                    firstSeen.put(word, id);
                    words.add(word);
                    counts.add(0);
                }
                counts.increment(id);
                ids.add(id);
            });
            if (ids.size() == before + 1) {
                ids.truncate(before); // no word: not a sentence
                return;
            }
            ids.add(WordTokenizer.EOS);
            if (++sentences[0] % 4096 == 0) {
                progress.advance(4096);
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException(
                            "reading the n-gram training corpus cancelled after " + sentences[0] + " documents");
                }
            }
        });
        progress.advance(sentences[0] % 4096);

        Integer[] order = new Integer[words.size() - WordTokenizer.SPECIALS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i + WordTokenizer.SPECIALS.size();
        }
        Arrays.sort(
                order, Comparator.<Integer>comparingInt(counts::get).reversed().thenComparing(words::get));
        int[] finalId = new int[words.size()];
        List<String> vocab = new ArrayList<>(WordTokenizer.SPECIALS);
        for (int i = 0; i < WordTokenizer.SPECIALS.size(); i++) {
            finalId[i] = i;
        }
        for (int provisional : order) {
            if (counts.get(provisional) >= minCount) {
                finalId[provisional] = vocab.size();
                vocab.add(words.get(provisional));
            } else {
                finalId[provisional] = WordTokenizer.UNK;
            }
        }
        int[] data = ids.array();
        for (int i = 0; i < ids.size(); i++) {
            data[i] = finalId[data[i]];
        }
        return new TrainingCorpus(new WordTokenizer(vocab, lowercase), data, ids.size(), sentences[0]);
    }

    /** A growable {@code int} array; {@code ArrayList<Integer>} would box every one of millions of tokens. */
    private static final class IntList {
        private int[] data = new int[1024];
        private int size;

        void add(int value) {
            if (size == data.length) {
                if (data.length == Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the n-gram training corpus exceeds " + size + " tokens");
                }
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8L, data.length * 2L));
            }
            data[size++] = value;
        }

        void increment(int index) {
            data[index]++;
        }

        int get(int index) {
            return data[index];
        }

        void truncate(int newSize) {
            size = newSize;
        }

        int size() {
            return size;
        }

        int[] array() {
            return data;
        }
    }
}
