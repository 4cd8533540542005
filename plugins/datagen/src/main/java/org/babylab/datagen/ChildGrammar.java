package org.babylab.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A small probabilistic grammar of child-directed speech in the style of CHILDES transcripts:
 * attention getters ({@code look at the big dog !}), where- and wh-questions with auxiliary inversion,
 * yes/no questions, copulas and progressives with singular/plural agreement, determiners
 * {@code a/an/this/these/that/those}, pronouns, regular and irregular pasts, do-support and
 * reflexives. Sentences are lower case with punctuation as separate, space-separated tokens, so a
 * word n-gram model sees exactly the tokens written.
 *
 * <p>Each {@link Template} is one pattern with a corpus weight; {@link #licenses} recognises exactly
 * the sentences some template can produce, which is how the minimal pairs are checked. Immutable and
 * thread-safe; randomness comes only from the caller's {@link SplittableRandom}.
 */
final class ChildGrammar {
    private final Lexicon lexicon = new Lexicon();
    private final List<Template> templates = List.of(
            // Attention and requests.
            t("look at the {N_SG} !", 30),
            t("look at the {ADJ} {N_SG} !", 20),
            t("look at the {N_PL} !", 15),
            t("look at this {N_SG} !", 10),
            t("look at these {N_PL} !", 8),
            t("look at that {N_SG} !", 10),
            t("look at those {N_PL} !", 6),
            t("i want this {THING_SG} .", 6),
            t("i want these {THING_PL} .", 5),
            t("i want that {THING_SG} .", 6),
            t("i want those {THING_PL} .", 5),
            t("can you find the {N_SG} ?", 10),
            t("can you find that {THING_SG} ?", 4),
            t("can you find those {THING_PL} ?", 3),
            t("give me the {THING_SG} .", 10),
            t("give me the {THING_PL} .", 5),
            t("give mommy the {THING_SG} .", 5),
            t("put the {THING_SG} {LOCATION} .", 8),
            t("don't throw the {THING_SG} !", 4),
            t("let's play with the {THING_PL} .", 5),
            // Questions.
            t("where is the {N_SG} ?", 20),
            t("where are the {N_PL} ?", 12),
            t("where did the {THING_SG} go ?", 10),
            t("where did the {ANIMAL_SG} go ?", 8),
            t("what is the {ANIMAL_SG} doing ?", 10),
            t("what are the {ANIMAL_PL} doing ?", 6),
            t("what is the {ANIMAL_SG} eating ?", 6),
            t("what are the {ANIMAL_PL} eating ?", 4),
            t("where is the {ANIMAL_SG} going ?", 6),
            t("where are the {ANIMAL_PL} going ?", 4),
            t("what is the {PERSON_SG} holding ?", 4),
            t("is the {ANIMAL_SG} {VING} ?", 10),
            t("are the {ANIMAL_PL} {VING} ?", 6),
            t("is the {THING_SG} {PRED_THING} ?", 6),
            t("did the {ANIMAL_SG} {BARE_TR} the {THING_SG} ?", 6),
            t("did the {PERSON_SG} {BARE_TR} the {THING_SG} ?", 5),
            t("did you eat the {FOOD_SG} ?", 4),
            t("what does the {ANIMAL_SG} say ?", 5),
            t("who is {VING} ?", 3),
            t("what color is the {THING_SG} ?", 4),
            // Copulas, progressives and agreement.
            t("the {ANIMAL_SG} is {VING} .", 20),
            t("the {ANIMAL_PL} are {VING} .", 14),
            t("the {PERSON_SG} is {VING} .", 8),
            t("the {PERSON_PL} are {VING} .", 6),
            t("the {ANIMAL_SG} {V3SG} .", 10),
            t("the {ANIMAL_PL} {VBARE} .", 8),
            t("the {ANIMAL_SG} is {PRED_ANIMATE} .", 10),
            t("the {ANIMAL_PL} are {PRED_ANIMATE} .", 6),
            t("the {THING_SG} is {PRED_THING} .", 10),
            t("the {THING_PL} are {PRED_THING} .", 6),
            t("this {THING_SG} is {PRED_THING} .", 6),
            t("these {THING_PL} are {PRED_THING} .", 5),
            t("the {THING_SG} is {LOCATION} .", 6),
            t("the {THING_PL} are {LOCATION} .", 3),
            t("the {ANIMAL_SG} {LIKE_3SG} the {THING_SG} .", 6),
            t("the {ANIMAL_PL} {LIKE_BARE} the {THING_PL} .", 4),
            // Articles.
            t("that is a {N_SG_C} .", 10),
            t("that is an {N_SG_V} .", 8),
            t("that is a {ADJ_C} {N_SG} .", 8),
            t("that is an {ADJ_V} {N_SG} .", 5),
            t("it's a {N_SG_C} .", 6),
            t("it's an {N_SG_V} .", 5),
            t("i see a {N_SG_C} .", 5),
            t("i see an {N_SG_V} .", 4),
            // Pasts.
            t("the {PERSON_SG} {IRR_PAST_TR} the {THING_SG} .", 10),
            t("the {ANIMAL_SG} {IRR_PAST_TR} the {THING_SG} .", 6),
            t("the {ANIMAL_SG} ate the {FOOD_SG} .", 6),
            t("the {ANIMAL_PL} ate the {FOOD_PL} .", 3),
            t("the {ANIMAL_SG} {IRR_PAST_AWAY} away .", 8),
            t("the {ANIMAL_PL} {IRR_PAST_AWAY} away .", 4),
            t("we went to the {PLACE} .", 5),
            t("i went to the {PLACE} .", 3),
            t("the {PERSON_SG} {REG_PAST_TR} the {THING_SG} .", 8),
            t("you {REG_PAST_TR} the {THING_SG} .", 4),
            // Reflexives.
            t("the {MALE_SG} {REFL_VERB} himself .", 6),
            t("the {FEMALE_SG} {REFL_VERB} herself .", 6),
            t("the {PERSON_PL} {REFL_VERB} themselves .", 6),
            t("the {MALE_SG} saw himself in the mirror .", 3),
            t("the {FEMALE_SG} saw herself in the mirror .", 3),
            t("the {PERSON_PL} saw themselves in the mirror .", 3),
            t("he hurt himself .", 2),
            t("she hurt herself .", 2),
            t("they hurt themselves .", 2),
            // Pronouns.
            t("he is {VING} .", 5),
            t("she is {VING} .", 5),
            t("they are {VING} .", 5),
            t("she {LIKE_3SG} the {THING_SG} .", 3),
            t("they {LIKE_BARE} the {THING_PL} .", 3),
            t("i {LIKE_BARE} the {THING_SG} .", 4),
            // Counting and routines.
            t("two {N_PL} .", 3),
            t("one {N_SG} .", 2),
            t("yes .", 4),
            t("no .", 4),
            t("uh oh !", 3),
            t("good job !", 3),
            t("all done .", 2),
            t("thank you .", 3),
            t("night night .", 1),
            t("bye bye !", 2),
            t("oh no !", 2),
            t("okay .", 3),
            t("wow !", 2));
    private final List<Pattern> recognizers =
            templates.stream().map(t -> t.recognizer(lexicon)).toList();
    private final int totalWeight =
            templates.stream().mapToInt(Template::weight).sum();

    private static Template t(String pattern, int weight) {
        return new Template(pattern, weight);
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** Every template, in a fixed order. */
    List<Template> templates() {
        return templates;
    }

    /** The template whose pattern is {@code pattern}. */
    Template template(String pattern) {
        return templates.stream()
                .filter(t -> t.pattern().equals(pattern))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the grammar has no template '" + pattern + "'"));
    }

    /** One utterance, its template drawn by weight. */
    Utterance generate(SplittableRandom random) {
        int r = random.nextInt(totalWeight);
        for (Template t : templates) {
            r -= t.weight();
            if (r < 0) {
                return t.fill(lexicon, random);
            }
        }
        throw new IllegalStateException("weights sum to " + totalWeight + " but none was drawn");
    }

    /** {@code n} utterances as text. */
    List<String> sentences(int n, SplittableRandom random) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generate(random).text());
        }
        return out;
    }

    /** Whether some template produces exactly {@code sentence}. */
    boolean licenses(String sentence) {
        return recognizers.stream().anyMatch(p -> p.matcher(sentence).matches());
    }
}
