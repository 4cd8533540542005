package org.babylab.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One sentence pattern of the quickstart grammar, e.g. {@code "where is the {THING_SG} ?"}: literal
 * words and {@code {CATEGORY}} slots filled from the {@link Lexicon}. Agreement is spelled out by
 * having separate templates ({@code the {ANIMAL_SG} is {VING} .} and {@code the {ANIMAL_PL} are {VING} .}),
 * which keeps both generation and recognition trivial.
 *
 * @param pattern the pattern text, tokens separated by single spaces
 * @param weight relative frequency in the generated corpus, {@code >= 0} (0: licensed but never generated)
 */
record Template(String pattern, int weight) {
    Template {
        if (weight < 0) {
            throw new IllegalArgumentException(
                    "template weight must be >= 0, got " + weight + " for '" + pattern + "'");
        }
    }

    /** The literal words and {@code {CATEGORY}} slots, in order. */
    List<String> parts() {
        return List.of(pattern.split(" "));
    }

    static boolean isSlot(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    static String category(String part) {
        return part.substring(1, part.length() - 1);
    }

    /** Fills every slot with a uniformly chosen word of its category. */
    Utterance fill(Lexicon lexicon, SplittableRandom random) {
        List<String> fillers = new ArrayList<>();
        for (String part : parts()) {
            if (isSlot(part)) {
                List<String> words = lexicon.get(category(part));
                fillers.add(words.get(random.nextInt(words.size())));
            }
        }
        return new Utterance(this, fillers);
    }

    /** A regular expression matching exactly the sentences this template licenses. */
    Pattern recognizer(Lexicon lexicon) {
        String regex = parts().stream()
                .map(part -> isSlot(part)
                        ? lexicon.get(category(part)).stream()
                                .map(Pattern::quote)
                                .collect(Collectors.joining("|", "(?:", ")"))
                        : Pattern.quote(part))
                .collect(Collectors.joining(" "));
        return Pattern.compile(regex);
    }
}
