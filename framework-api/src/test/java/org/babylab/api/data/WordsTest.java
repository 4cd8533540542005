package org.babylab.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Words are counted like BabyLM's budget: Python's {@code len(text.split())}. */
class WordsTest {
    @Test
    void counts_maximal_runs_of_non_whitespace_like_python_split() {
        assertEquals(3, Words.count("the cat sat"));
        assertEquals(3, Words.count("  the\tcat\n\nsat  "), "any whitespace separates, leading and trailing ignored");
        assertEquals(2, Words.count("don't stop."), "punctuation stays part of its word");
        assertEquals(2, Words.count("a\u00a0b"), "a no-break space separates, as in Python's str.split()");
        assertEquals(2, Words.count("a\u3000b"), "so does the ideographic space");
    }

    @Test
    void blank_and_missing_text_has_no_words() {
        assertEquals(0, Words.count(""));
        assertEquals(0, Words.count(" \n\t "));
        assertEquals(0, Words.count(null));
    }
}
