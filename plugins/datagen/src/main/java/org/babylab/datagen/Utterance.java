package org.babylab.datagen;

import java.util.ArrayList;
import java.util.List;

/**
 * A template with its slots filled.
 *
 * @param template the pattern
 * @param fillers the word chosen for each slot, in slot order
 */
record Utterance(Template template, List<String> fillers) {
    Utterance {
        fillers = List.copyOf(fillers);
    }

    /** The sentence: lower case, tokens (punctuation included) separated by single spaces. */
    String text() {
        return String.join(" ", words());
    }

    /** The sentence's parts with slots replaced by their fillers (a filler may hold several words). */
    List<String> words() {
        List<String> words = new ArrayList<>();
        int slot = 0;
        for (String part : template.parts()) {
            words.add(Template.isSlot(part) ? fillers.get(slot++) : part);
        }
        return words;
    }

    /** The filler of the first slot of {@code category}. */
    String filler(String category) {
        return fillers.get(slotIndex(category));
    }

    /** A copy with the first slot of {@code category} filled by {@code word} instead. */
    Utterance withFiller(String category, String word) {
        List<String> copy = new ArrayList<>(fillers);
        copy.set(slotIndex(category), word);
        return new Utterance(template, copy);
    }

    private int slotIndex(String category) {
        int slot = 0;
        for (String part : template.parts()) {
            if (Template.isSlot(part)) {
                if (Template.category(part).equals(category)) {
                    return slot;
                }
                slot++;
            }
        }
        throw new IllegalArgumentException("template '" + template.pattern() + "' has no slot {" + category + "}");
    }
}
