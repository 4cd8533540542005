package org.babylab.plugins.llama.preference;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.Tokenizer;

/**
 * Reads preference records ({@code prompt}, {@code chosen}, {@code rejected}) and tokenizes them the
 * way TRL's {@code DPOTrainer} does: BOS, then the prompt; each reply is {@code separator + reply},
 * followed by EOS when {@code appendEos}. When prompt and the longer reply exceed
 * {@code maxLength}, the prompt keeps its last {@code maxPromptLength} tokens (TRL's
 * {@code keep_end}), then the replies are cut to fit. Stateless.
 */
public final class PreferenceExamples {
    private PreferenceExamples() {}

    /**
     * The records of {@code dataset} as text triples.
     *
     * @throws IllegalArgumentException naming the dataset, the record and the missing field
     */
    public static List<String[]> read(String name, Dataset dataset) {
        List<String[]> out = new ArrayList<>();
        try (Stream<Map<String, Object>> records = dataset.records()) {
            int i = 0;
            for (var it = records.iterator(); it.hasNext(); i++) {
                Map<String, Object> r = it.next();
                String[] triple = new String[3];
                String[] fields = {"prompt", "chosen", "rejected"};
                for (int f = 0; f < 3; f++) {
                    if (!(r.get(fields[f]) instanceof String s)) {
                        throw new IllegalArgumentException("dataset '" + name + "' record " + (i + 1)
                                + (r.containsKey(fields[f])
                                        ? " has a non-string '" + fields[f] + "'"
                                        : " has no '" + fields[f] + "' field")
                                + "; a preference stage needs "
                                + "records {prompt, chosen, rejected} (declare the dataset as type: instructions with format: preference); it has "
                                + r.keySet());
                    }
                    triple[f] = s;
                }
                out.add(triple);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name
                    + "' has no records; a preference stage needs {prompt, chosen, rejected} records");
        }
        return out;
    }

    /** Tokenizes and truncates {@code triples}. */
    public static List<PreferencePair> encode(
            List<String[]> triples,
            Tokenizer tok,
            String separator,
            boolean appendEos,
            int maxLength,
            int maxPromptLength) {
        List<PreferencePair> out = new ArrayList<>(triples.size());
        for (String[] t : triples) {
            int[] prompt = prompt(tok, t[0]);
            int[] chosen = reply(tok, separator + t[1], appendEos);
            int[] rejected = reply(tok, separator + t[2], appendEos);
            if (prompt.length + Math.max(chosen.length, rejected.length) > maxLength
                    && prompt.length > maxPromptLength) {
                int[] kept = Arrays.copyOfRange(prompt, prompt.length - maxPromptLength, prompt.length);
                if (tok.bosId().isPresent() && kept.length > 1) {
                    kept[0] = tok.bosId().getAsInt();
                }
                prompt = kept;
            }
            int room = Math.max(1, maxLength - prompt.length);
            out.add(new PreferencePair(
                    prompt,
                    Arrays.copyOf(chosen, Math.min(room, chosen.length)),
                    Arrays.copyOf(rejected, Math.min(room, rejected.length))));
        }
        return out;
    }

    /** BOS (when the tokenizer has one) and the prompt's ids. */
    public static int[] prompt(Tokenizer tok, String text) {
        int[] body = tok.encode(text).ids();
        if (tok.bosId().isEmpty()) {
            if (body.length == 0) {
                throw new IllegalArgumentException("an empty prompt cannot be scored by a tokenizer without BOS");
            }
            return body;
        }
        int[] ids = new int[body.length + 1];
        ids[0] = tok.bosId().getAsInt();
        System.arraycopy(body, 0, ids, 1, body.length);
        return ids;
    }

    private static int[] reply(Tokenizer tok, String text, boolean appendEos) {
        int[] body = tok.encode(text).ids();
        if (!appendEos || tok.eosId().isEmpty()) {
            return body.length == 0 ? new int[] {tok.eosId().orElse(0)} : body;
        }
        int[] ids = Arrays.copyOf(body, body.length + 1);
        ids[body.length] = tok.eosId().getAsInt();
        return ids;
    }

    /** SHA-256 of the tokenized pairs, so cached reference log-probs are never reused for other data. */
    public static String fingerprint(List<PreferencePair> pairs) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (PreferencePair p : pairs) {
            for (int[] a : new int[][] {p.prompt(), p.chosen(), p.rejected()}) {
                ByteBuffer b = ByteBuffer.allocate(4 * a.length + 4).putInt(a.length);
                for (int x : a) {
                    b.putInt(x);
                }
                sha.update(b.array());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
