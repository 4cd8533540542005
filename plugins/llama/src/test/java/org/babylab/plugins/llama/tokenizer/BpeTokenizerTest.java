package org.babylab.plugins.llama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.model.Encoding;
import org.babylab.plugins.llama.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(400);

    @Test
    void unicode_whitespace_runs_and_emoji_round_trip_exactly() {
        for (String text : List.of(
                "The dog sees the ball.",
                "  two  spaces\tand\ttabs\n\nnewlines  ",
                "Größe naïve café — ünïcödé",
                "emoji 😀👍🏽 and 日本語のテキスト",
                "",
                " ",
                "\u0000control\u0007")) {
            Encoding e = TOKENIZER.encode(text);
            assertEquals(text, TOKENIZER.decode(e.ids()), "round trip of [" + text + "]");
        }
    }

    @Test
    void spans_are_utf16_offsets_that_tile_the_text() {
        String text = "Hi 😀 the dog sees café";
        Encoding e = TOKENIZER.encode(text);
        assertTrue(e.length() > 0);
        assertEquals(0, e.starts()[0]);
        assertEquals(text.length(), e.ends()[e.length() - 1]);
        for (int i = 1; i < e.length(); i++) {
            assertTrue(e.starts()[i] >= e.starts()[i - 1], "starts are monotone");
        }
        // A word of plain ASCII maps to the exact substring it came from.
        int dog = text.indexOf(" dog");
        boolean found = false;
        for (int i = 0; i < e.length(); i++) {
            if (e.starts()[i] == dog) {
                found = true;
                assertEquals(" dog", text.substring(e.starts()[i], e.ends()[i]));
            }
        }
        assertTrue(found, "a token starts at ' dog'");
    }

    @Test
    void encode_adds_no_special_tokens() {
        Encoding e = TOKENIZER.encode("the dog");
        for (int id : e.ids()) {
            assertTrue(id >= SpecialTokens.ALL.size(), "id " + id + " is not special");
        }
    }

    @Test
    void special_tokens_have_fixed_ids_and_are_matched_in_text_and_dropped_on_decode() {
        assertEquals(0, TOKENIZER.padId().getAsInt());
        assertEquals(1, TOKENIZER.bosId().getAsInt());
        assertEquals(2, TOKENIZER.eosId().getAsInt());
        int user = TOKENIZER.tokenId(SpecialTokens.USER).getAsInt();
        Encoding e = TOKENIZER.encode("<|user|>hi");
        assertEquals(user, e.ids()[0]);
        assertEquals("hi", TOKENIZER.decode(e.ids()));
    }

    @Test
    void merges_frequent_words_into_single_tokens() {
        assertEquals(1, TOKENIZER.encode(" the").length(), "' the' is frequent enough to be one token");
        assertEquals(300, TestCorpus.tokenizer(300).vocabSize(), "stops at vocab_size when the data has more pairs");
        assertTrue(TOKENIZER.vocabSize() < 400, "stops early when no pair is seen min_frequency times");
    }

    @Test
    void training_is_deterministic() {
        assertEquals(
                TestCorpus.tokenizer(350).encode("the little girl throws a cookie"),
                TestCorpus.tokenizer(350).encode("the little girl throws a cookie"));
        assertArrayEquals(
                TestCorpus.tokenizer(350).json(), TestCorpus.tokenizer(350).json());
    }

    @Test
    void saved_tokenizer_json_loads_back_identically(@TempDir Path dir) throws Exception {
        TOKENIZER.save(dir);
        BpeTokenizer loaded = BpeTokenizer.load(dir.resolve("tokenizer.json"));
        String text = "Daddy pushes the big book! 😀";
        assertEquals(TOKENIZER.encode(text), loaded.encode(text));
        assertEquals(TOKENIZER.vocabSize(), loaded.vocabSize());
    }

    @Test
    void a_missing_or_malformed_file_is_reported_with_its_path(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": ");
        var e = assertThrows(java.io.IOException.class, () -> BpeTokenizer.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> BpeTokenizer.load(dir.resolve("nope.json")));
    }

    @Test
    void too_small_vocabulary_is_rejected_with_the_minimum() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ByteLevelBpeTrainer(100, 2, SpecialTokens.ALL));
        assertTrue(e.getMessage().contains("263"), e.getMessage());
    }

    @Test
    void training_on_twenty_thousand_documents_takes_seconds() {
        ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(4_000, 2, SpecialTokens.ALL);
        List<String> docs = TestCorpus.documents(20_000, 3);
        long t0 = System.nanoTime();
        trainer.addDocuments(docs.stream());
        BpeVocabulary v = trainer.train();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertFalse(v.merges().isEmpty());
    }
}
