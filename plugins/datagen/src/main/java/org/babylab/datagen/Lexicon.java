package org.babylab.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of the quickstart grammar, by category. Categories that name forms of the same words
 * ({@code N_SG} and {@code N_PL}, {@code V3SG} and {@code VBARE}, {@code IRR_PAST} and
 * {@code OVERREG_PAST}) are <em>aligned</em>: the i-th word of one is the i-th word of the other in a
 * different form, which is how minimal pairs swap one form for another.
 *
 * <p>All lists are fixed and ordered, so generation never depends on hash iteration order.
 * Immutable and thread-safe.
 */
final class Lexicon {
    private final Map<String, List<String>> categories = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();

    Lexicon() {
        // Nouns: singular and plural forms, aligned.
        List<String[]> animals = List.of(
                new String[] {"dog", "dogs"},
                new String[] {"cat", "cats"},
                new String[] {"bird", "birds"},
                new String[] {"duck", "ducks"},
                new String[] {"horse", "horses"},
                new String[] {"cow", "cows"},
                new String[] {"bunny", "bunnies"},
                new String[] {"puppy", "puppies"},
                new String[] {"kitty", "kitties"},
                new String[] {"frog", "frogs"},
                new String[] {"bear", "bears"},
                new String[] {"pig", "pigs"},
                new String[] {"monkey", "monkeys"},
                new String[] {"mouse", "mice"},
                new String[] {"lion", "lions"},
                new String[] {"elephant", "elephants"},
                new String[] {"owl", "owls"},
                new String[] {"ant", "ants"},
                new String[] {"eagle", "eagles"});
        List<String[]> things = List.of(
                new String[] {"ball", "balls"},
                new String[] {"car", "cars"},
                new String[] {"truck", "trucks"},
                new String[] {"book", "books"},
                new String[] {"cup", "cups"},
                new String[] {"shoe", "shoes"},
                new String[] {"block", "blocks"},
                new String[] {"box", "boxes"},
                new String[] {"spoon", "spoons"},
                new String[] {"hat", "hats"},
                new String[] {"sock", "socks"},
                new String[] {"bottle", "bottles"},
                new String[] {"toy", "toys"},
                new String[] {"train", "trains"},
                new String[] {"doll", "dolls"},
                new String[] {"umbrella", "umbrellas"},
                new String[] {"airplane", "airplanes"},
                new String[] {"apple", "apples"},
                new String[] {"egg", "eggs"},
                new String[] {"orange", "oranges"},
                new String[] {"banana", "bananas"},
                new String[] {"cookie", "cookies"},
                new String[] {"cracker", "crackers"});
        List<String[]> food = List.of(
                new String[] {"apple", "apples"},
                new String[] {"egg", "eggs"},
                new String[] {"orange", "oranges"},
                new String[] {"banana", "bananas"},
                new String[] {"cookie", "cookies"},
                new String[] {"cracker", "crackers"},
                new String[] {"carrot", "carrots"},
                new String[] {"sandwich", "sandwiches"});
        List<String[]> males = List.of(
                new String[] {"boy", "boys"},
                new String[] {"man", "men"},
                new String[] {"king", "kings"},
                new String[] {"prince", "princes"});
        List<String[]> females = List.of(
                new String[] {"girl", "girls"},
                new String[] {"woman", "women"},
                new String[] {"queen", "queens"},
                new String[] {"princess", "princesses"});

        pair("ANIMAL_SG", "ANIMAL_PL", animals);
        pair("THING_SG", "THING_PL", things);
        pair("FOOD_SG", "FOOD_PL", food);
        pair("MALE_SG", "MALE_PL", males);
        pair("FEMALE_SG", "FEMALE_PL", females);
        List<String[]> people = new ArrayList<>(males);
        people.addAll(females);
        people.add(new String[] {"baby", "babies"});
        people.add(new String[] {"kid", "kids"});
        pair("PERSON_SG", "PERSON_PL", people);
        List<String[]> nouns = new ArrayList<>(animals);
        nouns.addAll(things);
        nouns.addAll(people);
        pair("N_SG", "N_PL", nouns);
        define("N_SG_V", get("N_SG").stream().filter(Lexicon::startsWithVowel).toList());
        define("N_SG_C", get("N_SG").stream().filter(w -> !startsWithVowel(w)).toList());

        define(
                "ADJ",
                List.of(
                        "big", "little", "red", "blue", "yellow", "green", "brown", "new", "dirty", "wet", "soft",
                        "old", "orange"));
        define("ADJ_V", get("ADJ").stream().filter(Lexicon::startsWithVowel).toList());
        define("ADJ_C", get("ADJ").stream().filter(w -> !startsWithVowel(w)).toList());
        define("PRED_ANIMATE", List.of("hungry", "tired", "sleepy", "happy", "sad", "funny", "big", "little", "cold"));
        define(
                "PRED_THING",
                List.of("big", "little", "red", "blue", "dirty", "wet", "broken", "heavy", "soft", "hot", "yucky"));
        define("PLACE", List.of("park", "store", "zoo", "beach", "kitchen", "garden"));
        define(
                "LOCATION",
                List.of(
                        "under the bed",
                        "on the table",
                        "in the box",
                        "in the kitchen",
                        "behind the door",
                        "on the floor",
                        "in the car",
                        "outside"));

        // Intransitive verbs: progressive, third person singular, bare; aligned.
        define(
                "VING",
                List.of(
                        "sleeping",
                        "running",
                        "jumping",
                        "eating",
                        "crying",
                        "playing",
                        "hiding",
                        "swimming",
                        "sitting",
                        "laughing",
                        "dancing",
                        "singing"));
        define(
                "V3SG",
                List.of(
                        "sleeps", "runs", "jumps", "eats", "cries", "plays", "hides", "swims", "sits", "laughs",
                        "dances", "sings"));
        define(
                "VBARE",
                List.of("sleep", "run", "jump", "eat", "cry", "play", "hide", "swim", "sit", "laugh", "dance", "sing"));
        // Transitive verbs with irregular pasts (and what a child overregularises them to); aligned.
        define("BARE_TR", List.of("see", "take", "throw", "catch", "find", "hold", "bring", "break"));
        define("IRR_PAST_TR", List.of("saw", "took", "threw", "caught", "found", "held", "brought", "broke"));
        define("OVERREG_TR", List.of("seed", "taked", "throwed", "catched", "finded", "holded", "bringed", "breaked"));
        define("IRR_PAST_AWAY", List.of("went", "ran", "flew", "swam", "rode"));
        define("OVERREG_AWAY", List.of("goed", "runned", "flied", "swimmed", "rided"));
        define("REG_PAST_TR", List.of("kicked", "pushed", "dropped", "washed", "hugged", "kissed", "pulled", "licked"));
        define("REFL_VERB", List.of("saw", "hurt", "washed", "dried", "hugged", "tickled", "scratched"));
        define("LIKE_3SG", List.of("likes", "wants", "has", "needs"));
        define("LIKE_BARE", List.of("like", "want", "have", "need"));
    }

    private void pair(String singular, String plural, List<String[]> forms) {
        define(singular, forms.stream().map(f -> f[0]).toList());
        define(plural, forms.stream().map(f -> f[1]).toList());
    }

    private void define(String category, List<String> words) {
        categories.put(category, List.copyOf(words));
        members.put(category, Set.copyOf(words));
    }

    /** The words of {@code category}, in their fixed order. */
    List<String> get(String category) {
        List<String> words = categories.get(category);
        if (words == null) {
            throw new IllegalArgumentException("no word category '" + category + "'; known: " + categories.keySet());
        }
        return words;
    }

    /** Whether {@code word} (possibly several space-separated words) belongs to {@code category}. */
    boolean contains(String category, String word) {
        Set<String> set = members.get(category);
        if (set == null) {
            throw new IllegalArgumentException("no word category '" + category + "'; known: " + categories.keySet());
        }
        return set.contains(word);
    }

    /** The word of {@code to} aligned with {@code word} of {@code from}. */
    String counterpart(String word, String from, String to) {
        int i = get(from).indexOf(word);
        if (i < 0) {
            throw new IllegalArgumentException("'" + word + "' is not a " + from);
        }
        return get(to).get(i);
    }

    /** Every category name, in definition order. */
    Set<String> categories() {
        return categories.keySet();
    }

    /** Every word of every category, single words only (multi-word entries split), in order. */
    List<String> allWords() {
        List<String> words = new ArrayList<>();
        for (List<String> list : categories.values()) {
            for (String entry : list) {
                for (String w : entry.split(" ")) {
                    if (!words.contains(w)) {
                        words.add(w);
                    }
                }
            }
        }
        return words;
    }

    /** Whether the indefinite article before {@code word} is {@code an}. */
    static boolean startsWithVowel(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0;
    }

    /** {@code "a"} or {@code "an"} followed by {@code word}. */
    static String withArticle(String word) {
        return (startsWithVowel(word) ? "an " : "a ") + word;
    }
}
