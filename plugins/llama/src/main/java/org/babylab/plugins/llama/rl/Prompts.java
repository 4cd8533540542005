package org.babylab.plugins.llama.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;

/**
 * The prompts of a PPO stage and each prompt's references for the reward, read from a dataset's
 * records. Immutable.
 *
 * @param texts the prompts, separator appended
 * @param references each prompt's references, possibly none
 */
public record Prompts(List<String> texts, List<List<String>> references) {
    public Prompts {
        texts = List.copyOf(texts);
        references = List.copyOf(references);
    }

    /** @throws IllegalArgumentException naming the dataset and record without a prompt */
    public static Prompts read(
            String name, Dataset dataset, String promptField, List<String> referenceFields, String separator) {
        List<String> texts = new ArrayList<>();
        List<List<String>> refs = new ArrayList<>();
        try (Stream<Map<String, Object>> records = dataset.records()) {
            int i = 0;
            for (var it = records.iterator(); it.hasNext(); i++) {
                Map<String, Object> r = it.next();
                if (!(r.get(promptField) instanceof String p)) {
                    throw new IllegalArgumentException("dataset '" + name + "' record " + (i + 1) + " has no string '"
                            + promptField + "' field; set prompt_field to the field holding the prompt (it has "
                            + r.keySet() + ")");
                }
                texts.add(p + separator);
                List<String> rs = new ArrayList<>();
                for (String f : referenceFields) {
                    if (r.get(f) instanceof String s) {
                        rs.add(s);
                    }
                }
                refs.add(rs);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "' has no records; a ppo stage needs prompts");
        }
        return new Prompts(texts, refs);
    }

    public int size() {
        return texts.size();
    }
}
