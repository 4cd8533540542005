package org.babylab.datagen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Prompt/reply pairs for the instruction-tuning part of the quickstart: short caregiver-child
 * exchanges (tagged {@code switchboard}, standing in for a dialogue corpus) and simple factual
 * question-answer pairs about animals, food and things (tagged {@code simple_wiki}). Everything is in
 * the corpus's style and vocabulary. Immutable and thread-safe.
 */
final class InstructionData {

    /**
     * One pair.
     *
     * @param prompt what is said or asked
     * @param reply the answer
     */
    record Exchange(String prompt, String reply) {}

    /**
     * What the question-answer pairs know about an animal.
     *
     * @param singular e.g. {@code cow}
     * @param plural e.g. {@code cows}
     * @param food what it eats
     * @param sound what it says, or null if it has no well-known sound
     * @param home where it lives
     * @param legs how many legs it has, or -1 to not ask
     * @param size a rank: bigger animals have bigger ranks
     * @param flies whether it can fly
     */
    record Animal(
            String singular,
            String plural,
            String food,
            String sound,
            String home,
            int legs,
            int size,
            boolean flies) {}

    /**
     * What the question-answer pairs know about a food.
     *
     * @param singular e.g. {@code banana}
     * @param plural e.g. {@code bananas}
     * @param color its usual colour
     * @param kind {@code fruit}, {@code vegetable} or {@code snack}
     */
    record Food(String singular, String plural, String color, String kind) {}

    /**
     * What the question-answer pairs know about a thing.
     *
     * @param singular e.g. {@code spoon}
     * @param use what you do with it, as a verb phrase completing "you use a spoon to ..."
     */
    record Thing(String singular, String use) {}

    static final List<Animal> ANIMALS = List.of(
            new Animal("ant", "ants", "crumbs", null, "in the ground", 6, 0, false),
            new Animal("mouse", "mice", "cheese", "squeak", "in a hole", 4, 1, false),
            new Animal("frog", "frogs", "bugs", "ribbit", "in a pond", 4, 2, false),
            new Animal("bird", "birds", "seeds", "tweet", "in a nest", 2, 3, true),
            new Animal("owl", "owls", "mice", "hoo", "in a tree", 2, 4, true),
            new Animal("bunny", "bunnies", "carrots", null, "in a hole", 4, 5, false),
            new Animal("duck", "ducks", "bread", "quack", "on a pond", 2, 6, true),
            new Animal("cat", "cats", "fish", "meow", "in a house", 4, 7, false),
            new Animal("eagle", "eagles", "fish", null, "in the mountains", 2, 8, true),
            new Animal("dog", "dogs", "bones", "woof", "in a house", 4, 9, false),
            new Animal("monkey", "monkeys", "bananas", "ooh ooh", "in the trees", -1, 10, false),
            new Animal("pig", "pigs", "corn", "oink", "on a farm", 4, 11, false),
            new Animal("lion", "lions", "meat", "roar", "in africa", 4, 12, false),
            new Animal("bear", "bears", "honey", "grr", "in the woods", 4, 13, false),
            new Animal("cow", "cows", "grass", "moo", "on a farm", 4, 14, false),
            new Animal("horse", "horses", "hay", "neigh", "on a farm", 4, 15, false),
            new Animal("elephant", "elephants", "leaves", null, "in africa", 4, 16, false));
    static final List<Food> FOODS = List.of(
            new Food("banana", "bananas", "yellow", "fruit"), new Food("apple", "apples", "red", "fruit"),
            new Food("orange", "oranges", "orange", "fruit"), new Food("carrot", "carrots", "orange", "vegetable"),
            new Food("cookie", "cookies", "brown", "snack"), new Food("cracker", "crackers", "brown", "snack"),
            new Food("egg", "eggs", "white", "food"), new Food("grape", "grapes", "green", "fruit"));
    static final List<Thing> THINGS = List.of(
            new Thing("spoon", "eat soup"),
            new Thing("cup", "drink milk"),
            new Thing("hat", "keep your head warm"),
            new Thing("umbrella", "stay dry in the rain"),
            new Thing("book", "read a story"),
            new Thing("shoe", "walk outside"),
            new Thing("bottle", "drink water"),
            new Thing("box", "keep your toys"));

    private final Lexicon lexicon;

    InstructionData(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Up to {@code count} distinct caregiver-child exchanges. */
    List<Exchange> conversation(int count, SplittableRandom random) {
        Set<Exchange> out = new LinkedHashSet<>();
        for (int attempt = 0; out.size() < count && attempt < count * 50; attempt++) {
            out.add(exchange(random));
        }
        return new ArrayList<>(out);
    }

    private Exchange exchange(SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0: {
                String thing = pick("THING_SG", r);
                return new Exchange(
                        "where is the " + thing + " ?", "the " + thing + " is " + pick("LOCATION", r) + " .");
            }
            case 1: {
                String food = pick("FOOD_SG", r);
                return r.nextBoolean()
                        ? new Exchange(
                                "do you want " + Lexicon.withArticle(food) + " ?",
                                "yes , i want " + Lexicon.withArticle(food) + " .")
                        : new Exchange(
                                "do you want " + Lexicon.withArticle(food) + " ?",
                                "no , i want " + Lexicon.withArticle(otherThan(food, "FOOD_SG", r)) + " .");
            }
            case 2: {
                String animal = pick("ANIMAL_SG", r);
                return new Exchange(
                        "what is the " + animal + " doing ?", "the " + animal + " is " + pick("VING", r) + " .");
            }
            case 3: {
                Animal a = ANIMALS.get(r.nextInt(ANIMALS.size()));
                return a.sound() == null
                        ? new Exchange(
                                "what does the " + a.singular() + " eat ?",
                                "the " + a.singular() + " eats " + a.food() + " .")
                        : new Exchange(
                                "what does the " + a.singular() + " say ?",
                                "the " + a.singular() + " says " + a.sound() + " .");
            }
            case 4: {
                String thing = pick("THING_SG", r);
                return r.nextBoolean()
                        ? new Exchange("can you find the " + thing + " ?", "here is the " + thing + " !")
                        : new Exchange(
                                "can you find the " + thing + " ?",
                                "no , the " + thing + " is " + pick("LOCATION", r) + " .");
            }
            case 5: {
                String animal = pick("ANIMAL_SG", r);
                String state = pick("PRED_ANIMATE", r);
                return r.nextBoolean()
                        ? new Exchange(
                                "is the " + animal + " " + state + " ?", "yes , the " + animal + " is " + state + " .")
                        : new Exchange(
                                "is the " + animal + " " + state + " ?",
                                "no , the " + animal + " is not " + state + " .");
            }
            case 6: {
                String noun = pick("N_SG", r);
                return new Exchange("look at the " + pick("ADJ", r) + " " + noun + " !", "i see the " + noun + " !");
            }
            case 7: {
                String ving = pick("VING", r);
                String animals = pick("ANIMAL_PL", r);
                return new Exchange("who is " + ving + " ?", "the " + animals + " are " + ving + " .");
            }
            case 8: {
                String feeling = pick("PRED_ANIMATE", r);
                return new Exchange("how are you ?", "i am " + feeling + " .");
            }
            default: {
                String person = pick("PERSON_SG", r);
                String thing = pick("THING_SG", r);
                return new Exchange(
                        "what did the " + person + " do ?",
                        "the " + person + " " + pick("REG_PAST_TR", r) + " the " + thing + " .");
            }
        }
    }

    /** Up to {@code count} distinct factual question-answer pairs, in a seeded order. */
    List<Exchange> questionAnswers(int count, SplittableRandom random) {
        List<Exchange> all = new ArrayList<>();
        for (Animal a : ANIMALS) {
            String one = Lexicon.withArticle(a.singular());
            all.add(new Exchange("what do " + a.plural() + " eat ?", a.plural() + " eat " + a.food() + " ."));
            all.add(new Exchange("what does " + one + " eat ?", one + " eats " + a.food() + " ."));
            all.add(new Exchange("where do " + a.plural() + " live ?", a.plural() + " live " + a.home() + " ."));
            all.add(new Exchange("where does " + one + " live ?", one + " lives " + a.home() + " ."));
            all.add(new Exchange(
                    "can " + a.plural() + " fly ?",
                    a.flies() ? "yes , " + a.plural() + " can fly ." : "no , " + a.plural() + " can not fly ."));
            all.add(new Exchange("is " + one + " an animal ?", "yes , " + one + " is an animal ."));
            all.add(new Exchange("what is " + one + " ?", one + " is an animal ."));
            if (a.sound() != null) {
                all.add(new Exchange("what does " + one + " say ?", one + " says " + a.sound() + " ."));
                all.add(new Exchange("what do " + a.plural() + " say ?", a.plural() + " say " + a.sound() + " ."));
            }
            if (a.legs() > 0) {
                all.add(new Exchange(
                        "how many legs does " + one + " have ?", one + " has " + number(a.legs()) + " legs ."));
            }
        }
        for (Animal a : ANIMALS) {
            for (Animal b : ANIMALS) {
                // Only clear-cut size differences: nobody should learn whether a bear outweighs a cow.
                if (Math.abs(a.size() - b.size()) >= 3) {
                    Animal big = a.size() > b.size() ? a : b;
                    Animal small = big == a ? b : a;
                    String pair = Lexicon.withArticle(a.singular()) + " or " + Lexicon.withArticle(b.singular());
                    all.add(new Exchange(
                            "what is bigger , " + pair + " ?", Lexicon.withArticle(big.singular()) + " is bigger ."));
                    all.add(new Exchange(
                            "what is smaller , " + pair + " ?",
                            Lexicon.withArticle(small.singular()) + " is smaller ."));
                    String first = Lexicon.withArticle(a.singular());
                    String second = Lexicon.withArticle(b.singular());
                    boolean firstIsBigger = big == a;
                    all.add(new Exchange(
                            "is " + first + " bigger than " + second + " ?",
                            firstIsBigger
                                    ? "yes , " + first + " is bigger than " + second + " ."
                                    : "no , " + first + " is smaller than " + second + " ."));
                    all.add(new Exchange(
                            "is " + first + " smaller than " + second + " ?",
                            firstIsBigger
                                    ? "no , " + first + " is bigger than " + second + " ."
                                    : "yes , " + first + " is smaller than " + second + " ."));
                }
            }
        }
        for (Food f : FOODS) {
            String one = Lexicon.withArticle(f.singular());
            all.add(new Exchange("what color is " + one + " ?", one + " is " + f.color() + " ."));
            all.add(new Exchange("what color are " + f.plural() + " ?", f.plural() + " are " + f.color() + " ."));
            all.add(new Exchange(
                    "is " + one + " an animal ?", "no , " + one + " is " + Lexicon.withArticle(f.kind()) + " ."));
            all.add(new Exchange("can you eat " + one + " ?", "yes , you can eat " + one + " ."));
        }
        for (Thing t : THINGS) {
            String one = Lexicon.withArticle(t.singular());
            all.add(new Exchange("what do you do with " + one + " ?", "you use " + one + " to " + t.use() + " ."));
            all.add(new Exchange("can you eat " + one + " ?", "no , you can not eat " + one + " ."));
        }
        shuffle(all, random);
        return all.subList(0, Math.min(count, all.size()));
    }

    private String pick(String category, SplittableRandom r) {
        List<String> words = lexicon.get(category);
        return words.get(r.nextInt(words.size()));
    }

    private String otherThan(String word, String category, SplittableRandom r) {
        String other = pick(category, r);
        return other.equals(word) ? otherThan(word, category, r) : other;
    }

    private static String number(int n) {
        return List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")
                .get(n);
    }

    /** Fisher-Yates with the caller's generator, so the order is fixed by the seed. */
    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
