package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.List;
import org.babylab.runtime.SourceLocation;

/**
 * A sequence.
 *
 * @param items the items, in order; copied, unmodifiable
 * @param location where the sequence starts
 */
record YamlSeq(List<YamlNode> items, SourceLocation location) implements YamlNode {
    public YamlSeq {
        if (items == null || location == null) {
            throw new IllegalArgumentException("items and location are required");
        }
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }

    @Override
    public Object toPlain() {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(i.toPlain()));
        return out;
    }

    @Override
    public YamlSeq at(SourceLocation location) {
        return new YamlSeq(items, location);
    }
}
