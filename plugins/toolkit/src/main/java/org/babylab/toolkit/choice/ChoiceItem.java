package org.babylab.toolkit.choice;

import java.util.List;
import org.babylab.toolkit.scoring.ContinuationRequest;

/**
 * One multiple-choice item: options scored as continuations, the gold one first.
 *
 * @param id a stable id for predictions, e.g. {@code adjunct_island:17} or {@code file.jsonl:17}
 * @param group the group whose accuracy it counts towards (BLiMP UID, EWoK domain, ...)
 * @param options at least two requests; index 0 is the gold answer
 */
public record ChoiceItem(String id, String group, List<ContinuationRequest> options) {
    public ChoiceItem {
        if (id == null || group == null) {
            throw new IllegalArgumentException("a choice item needs an id and a group");
        }
        if (options == null || options.size() < 2) {
            throw new IllegalArgumentException("item " + id + " needs a gold option and at least one alternative");
        }
        options = List.copyOf(options);
    }
}
