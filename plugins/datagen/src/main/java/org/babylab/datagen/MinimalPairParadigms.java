package org.babylab.datagen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * BLiMP-style minimal-pair paradigms over the quickstart grammar. Each paradigm takes sentences the
 * {@link ChildGrammar} generates and breaks exactly one thing (a noun's number after a determiner, a
 * verb's agreement, a reflexive's number, an irregular past, an article, an auxiliary's position, a
 * verb form after {@code did}). Every phenomenon is visible within two or three words, so a word
 * trigram model trained on the corpus can learn it.
 *
 * <p>Unlike BLiMP, sentences stay in the corpus's own style (lower case, punctuation as separate
 * tokens, e.g. {@code the dog is sleeping .}), so the tokens scored are the tokens trained on.
 * Immutable and thread-safe.
 */
final class MinimalPairParadigms {

    /** Turns a good utterance into its ungrammatical twin. */
    @FunctionalInterface
    interface Corruption {
        String apply(Utterance good, SplittableRandom random);
    }

    /** A good-sentence template with the corruption applied to it. */
    record Source(Template template, Corruption corruption) {}

    /**
     * One paradigm.
     *
     * @param uid the file name and {@code UID} field, e.g. {@code subject_verb_agreement}
     * @param field BLiMP's {@code field}: morphology, syntax, ...
     * @param linguisticsTerm BLiMP's {@code linguistics_term}
     * @param cueOrder the smallest n-gram order whose context reaches the word that decides the
     *     pair: 2 when the cue is the previous word ({@code this dog}), 3 for {@code the boys saw
     *     themselves}, 4 for {@code did the dog see}; the corpus lets a model of that order learn it
     * @param sources templates with their corruption, used round-robin
     */
    record Paradigm(String uid, String field, String linguisticsTerm, int cueOrder, List<Source> sources) {}

    /**
     * One pair.
     *
     * @param good the grammatical sentence
     * @param bad the minimally different ungrammatical one
     */
    record Pair(String good, String bad) {}

    private final ChildGrammar grammar;
    private final Lexicon lexicon;
    private final List<Paradigm> paradigms;

    MinimalPairParadigms(ChildGrammar grammar) {
        this.grammar = grammar;
        this.lexicon = grammar.lexicon();
        this.paradigms = List.of(
                new Paradigm(
                        "determiner_noun_agreement",
                        "morphology",
                        "determiner_noun_agreement",
                        2,
                        List.of(
                                src("look at this {N_SG} !", swap("N_SG", "N_PL")),
                                src("look at these {N_PL} !", swap("N_PL", "N_SG")),
                                src("look at that {N_SG} !", swap("N_SG", "N_PL")),
                                src("look at those {N_PL} !", swap("N_PL", "N_SG")),
                                src("i want this {THING_SG} .", swap("THING_SG", "THING_PL")),
                                src("i want these {THING_PL} .", swap("THING_PL", "THING_SG")))),
                new Paradigm(
                        "subject_verb_agreement",
                        "morphology",
                        "subject_verb_agreement",
                        2,
                        List.of(
                                src("the {ANIMAL_SG} is {VING} .", replace("is", "are")),
                                src("the {ANIMAL_PL} are {VING} .", replace("are", "is")),
                                src("the {ANIMAL_SG} {V3SG} .", swap("V3SG", "VBARE")),
                                src("the {ANIMAL_PL} {VBARE} .", swap("VBARE", "V3SG")),
                                src("the {THING_SG} is {PRED_THING} .", replace("is", "are")),
                                src("the {THING_PL} are {PRED_THING} .", replace("are", "is")))),
                new Paradigm(
                        "anaphor_number_agreement",
                        "morphology",
                        "anaphor_agreement",
                        3,
                        List.of(
                                src("the {MALE_SG} {REFL_VERB} himself .", replace("himself", "themselves")),
                                src("the {FEMALE_SG} {REFL_VERB} herself .", replace("herself", "themselves")),
                                src(
                                        "the {PERSON_PL} {REFL_VERB} themselves .",
                                        (u, r) -> replace("themselves", r.nextBoolean() ? "himself" : "herself")
                                                .apply(u, r)),
                                src("the {MALE_SG} saw himself in the mirror .", replace("himself", "themselves")),
                                src("the {FEMALE_SG} saw herself in the mirror .", replace("herself", "themselves")),
                                src(
                                        "the {PERSON_PL} saw themselves in the mirror .",
                                        (u, r) -> replace("themselves", r.nextBoolean() ? "himself" : "herself")
                                                .apply(u, r)))),
                new Paradigm(
                        "irregular_past",
                        "morphology",
                        "irregular_forms",
                        2,
                        List.of(
                                src(
                                        "the {PERSON_SG} {IRR_PAST_TR} the {THING_SG} .",
                                        swap("IRR_PAST_TR", "OVERREG_TR")),
                                src("the {ANIMAL_SG} ate the {FOOD_SG} .", replace("ate", "eated")),
                                src("the {ANIMAL_SG} {IRR_PAST_AWAY} away .", swap("IRR_PAST_AWAY", "OVERREG_AWAY")))),
                new Paradigm(
                        "a_an_alternation",
                        "morphology",
                        "indefinite_article",
                        2,
                        List.of(
                                src("that is a {N_SG_C} .", replace("a", "an")),
                                src("that is an {N_SG_V} .", replace("an", "a")),
                                src("that is a {ADJ_C} {N_SG} .", replace("a", "an")),
                                src("that is an {ADJ_V} {N_SG} .", replace("an", "a")),
                                src("i see a {N_SG_C} .", replace("a", "an")),
                                src("i see an {N_SG_V} .", replace("an", "a")))),
                new Paradigm(
                        "question_aux_inversion",
                        "syntax",
                        "question_formation",
                        2,
                        List.of(
                                src("what is the {ANIMAL_SG} doing ?", uninvert()),
                                src("what are the {ANIMAL_PL} doing ?", uninvert()),
                                src("what is the {ANIMAL_SG} eating ?", uninvert()),
                                src("where is the {ANIMAL_SG} going ?", uninvert()),
                                src("where are the {ANIMAL_PL} going ?", uninvert()),
                                src("what is the {PERSON_SG} holding ?", uninvert()))),
                new Paradigm(
                        "do_support_bare_verb",
                        "syntax",
                        "do_support",
                        4,
                        List.of(
                                src("where did the {THING_SG} go ?", replace("go", "went")),
                                src("where did the {ANIMAL_SG} go ?", replace("go", "went")),
                                src("did the {ANIMAL_SG} {BARE_TR} the {THING_SG} ?", swap("BARE_TR", "IRR_PAST_TR")),
                                src(
                                        "did the {PERSON_SG} {BARE_TR} the {THING_SG} ?",
                                        swap("BARE_TR", "IRR_PAST_TR")))));
    }

    List<Paradigm> paradigms() {
        return paradigms;
    }

    /**
     * Up to {@code count} pairs with distinct good sentences, the paradigm's sources used in turn.
     * Fewer only if the grammar cannot produce that many distinct sentences for the paradigm.
     */
    List<Pair> pairs(Paradigm paradigm, int count, SplittableRandom random) {
        Set<String> seen = new LinkedHashSet<>();
        List<Pair> pairs = new ArrayList<>();
        for (int attempt = 0; pairs.size() < count && attempt < count * 100; attempt++) {
            Source source = paradigm.sources().get(attempt % paradigm.sources().size());
            Utterance good = source.template().fill(lexicon, random);
            if (seen.add(good.text())) {
                pairs.add(new Pair(good.text(), source.corruption().apply(good, random)));
            }
        }
        return pairs;
    }

    private Source src(String pattern, Corruption corruption) {
        return new Source(grammar.template(pattern), corruption);
    }

    /** Replaces the filler of the {@code from} slot by its aligned word in {@code to}. */
    private Corruption swap(String from, String to) {
        return (u, r) -> u.withFiller(from, lexicon.counterpart(u.filler(from), from, to))
                .text();
    }

    /** Replaces the template's literal word {@code literal} (its first occurrence) by {@code replacement}. */
    private static Corruption replace(String literal, String replacement) {
        return (u, r) -> {
            List<String> parts = u.template().parts();
            List<String> words = new ArrayList<>(u.words());
            int i = parts.indexOf(literal);
            if (i < 0) {
                throw new IllegalArgumentException(
                        "template '" + u.template().pattern() + "' has no word '" + literal + "'");
            }
            words.set(i, replacement);
            return String.join(" ", words);
        };
    }

    /** {@code wh aux the noun verb ?} becomes {@code wh the noun aux verb ?}. */
    private static Corruption uninvert() {
        return (u, r) -> {
            List<String> words = new ArrayList<>(u.words());
            String aux = words.remove(1);
            words.add(3, aux);
            return String.join(" ", words);
        };
    }
}
