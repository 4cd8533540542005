package org.babylab.plugins.llama.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trains a byte-level BPE vocabulary the way Hugging Face's {@code BpeTrainer} does: GPT-2
 * pre-tokenization, word-frequency counting, then repeated merging of the most frequent adjacent
 * pair with incrementally updated pair counts and a lazily invalidated priority queue.
 *
 * <p>Deterministic: ties between equally frequent pairs go to the pair whose (left id, right id) is
 * smallest, and ids are assigned in merge order, so the same documents always give the same
 * tokenizer. Not thread-safe; use one instance per training run.
 */
public final class ByteLevelBpeTrainer {
    /** GPT-2's pre-tokenization pattern, as in Hugging Face's ByteLevel pre-tokenizer with {@code use_regex}. */
    static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final int vocabSize;
    private final int minFrequency;
    private final List<String> specialTokens;
    private final Map<String, Long> wordCounts = new HashMap<>();

    /**
     * @param vocabSize the total size wanted, special tokens and the 256 byte tokens included
     * @param minFrequency pairs seen fewer times than this are never merged (>= 1)
     * @param specialTokens tokens given the first ids, never produced by merges
     */
    public ByteLevelBpeTrainer(int vocabSize, int minFrequency, List<String> specialTokens) {
        int floor = specialTokens.size() + 256;
        if (vocabSize < floor) {
            throw new IllegalArgumentException(
                    "vocab_size " + vocabSize + " is too small: byte-level BPE needs at least " + floor
                            + " (256 bytes + " + specialTokens.size() + " special tokens)");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("min_frequency must be >= 1, got " + minFrequency);
        }
        this.vocabSize = vocabSize;
        this.minFrequency = minFrequency;
        this.specialTokens = List.copyOf(specialTokens);
    }

    /** Counts the pre-tokenized words of every document; call before {@link #train()}. */
    public void addDocuments(Stream<String> documents) {
        documents.forEach(this::addDocument);
    }

    /** Counts the pre-tokenized words of one document. */
    public void addDocument(String document) {
        Matcher m = GPT2_SPLIT.matcher(document);
        while (m.find()) {
            wordCounts.merge(m.group(), 1L, Long::sum);
        }
    }

    /** Runs the merges and returns the vocabulary (token -> id) and the merges in order. */
    public BpeVocabulary train() {
        List<String> tokens = new ArrayList<>(specialTokens);
        Map<String, Integer> ids = new HashMap<>();
        for (String s : specialTokens) {
            ids.put(s, ids.size());
        }
        int byteBase = tokens.size();
        for (int b = 0; b < 256; b++) {
            String t = String.valueOf(ByteLevelAlphabet.charOf(b));
            ids.put(t, tokens.size());
            tokens.add(t);
        }

        // Sort words so that everything below (and hence tie-breaking) is independent of hash order.
        List<String> words = new ArrayList<>(wordCounts.keySet());
        words.sort(Comparator.naturalOrder());
        int[][] symbols = new int[words.size()][];
        int[] lengths = new int[words.size()];
        long[] freq = new long[words.size()];
        for (int w = 0; w < words.size(); w++) {
            byte[] bytes = words.get(w).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            symbols[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[w][i] = byteBase + (bytes[i] & 0xFF);
            }
            lengths[w] = bytes.length;
            freq[w] = wordCounts.get(words.get(w));
        }

        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < symbols.length; w++) {
            addPairs(symbols[w], lengths[w], freq[w], w, pairCounts, where);
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>(ByteLevelBpeTrainer::byCountThenPair);
        pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));

        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize && !queue.isEmpty()) {
            long[] top = queue.poll();
            long pair = top[1];
            long current = pairCounts.getOrDefault(pair, 0L);
            if (current != top[0]) {
                if (current > 0) {
                    queue.add(new long[] {current, pair});
                }
                continue;
            }
            if (current < minFrequency) {
                break;
            }
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String merged = tokens.get(left) + tokens.get(right);
            Integer mergedId = ids.get(merged);
            if (mergedId == null) {
                // Two different pairs may spell the same string ("ab"+"c", "a"+"bc"); they share one id.
                mergedId = tokens.size();
                ids.put(merged, mergedId);
                tokens.add(merged);
            }
            merges.add(new String[] {tokens.get(left), tokens.get(right)});

            Set<Long> touched = new HashSet<>();
            Set<Integer> affected = where.remove(pair);
            if (affected == null) {
                affected = Set.of();
            }
            for (int w : affected) {
                removePairs(symbols[w], lengths[w], freq[w], pairCounts, touched);
                lengths[w] = mergeInPlace(symbols[w], lengths[w], left, right, mergedId);
                addPairs(symbols[w], lengths[w], freq[w], w, pairCounts, where);
                collectPairs(symbols[w], lengths[w], touched);
            }
            pairCounts.remove(pair);
            for (long p : touched) {
                Long c = pairCounts.get(p);
                if (c != null && c > 0 && p != pair) {
                    queue.add(new long[] {c, p});
                }
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.put(tokens.get(i), i);
        }
        return new BpeVocabulary(vocab, merges, specialTokens);
    }

    private static int byCountThenPair(long[] a, long[] b) {
        int c = Long.compare(b[0], a[0]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static void addPairs(
            int[] s, int len, long f, int word, Map<Long, Long> counts, Map<Long, Set<Integer>> where) {
        for (int i = 0; i + 1 < len; i++) {
            long k = key(s[i], s[i + 1]);
            counts.merge(k, f, Long::sum);
            where.computeIfAbsent(k, x -> new HashSet<>()).add(word);
        }
    }

    private static void removePairs(int[] s, int len, long f, Map<Long, Long> counts, Set<Long> touched) {
        for (int i = 0; i + 1 < len; i++) {
            long k = key(s[i], s[i + 1]);
            long left = counts.merge(k, -f, Long::sum);
            if (left <= 0) {
                counts.remove(k);
            }
            touched.add(k);
        }
    }

    private static void collectPairs(int[] s, int len, Set<Long> touched) {
        for (int i = 0; i + 1 < len; i++) {
            touched.add(key(s[i], s[i + 1]));
        }
    }

    /** Replaces every non-overlapping (left, right) occurrence, scanning left to right; returns the new length. */
    private static int mergeInPlace(int[] s, int len, int left, int right, int merged) {
        int out = 0;
        for (int i = 0; i < len; i++) {
            if (i + 1 < len && s[i] == left && s[i + 1] == right) {
                s[out++] = merged;
                i++;
            } else {
                s[out++] = s[i];
            }
        }
        return out;
    }
}
