package org.babylab.plugins.instruct.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.babylab.api.chat.ChatMessage;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.Tokenizer;
import org.babylab.testkit.TestStepContext;
import org.babylab.toolkit.chat.ChatExamples;
import org.babylab.toolkit.chat.RoleTokensTemplate;
import org.babylab.toolkit.chat.SegmentEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleTokensTemplateTest {
    @TempDir
    Path dir;

    /**
     * A real (if tiny) tokenizer: ids for whitespace-separated words, growing its vocabulary as it
     * meets them, plus the four role tokens and a BOS, so masks can be read off word by word.
     */
    static final class WordTokenizer implements Tokenizer {
        final Map<String, Integer> vocab = new LinkedHashMap<>();

        WordTokenizer(List<String> specials) {
            vocab.put("<s>", 0);
            specials.forEach(s -> vocab.put(s, vocab.size()));
        }

        @Override
        public synchronized Encoding encode(String text) {
            List<int[]> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    int id = vocab.computeIfAbsent(text.substring(start, i), w -> vocab.size());
                    tokens.add(new int[] {id, start, i});
                }
            }
            return new Encoding(
                    tokens.stream().mapToInt(t -> t[0]).toArray(),
                    tokens.stream().mapToInt(t -> t[1]).toArray(),
                    tokens.stream().mapToInt(t -> t[2]).toArray());
        }

        synchronized int id(String word) {
            return vocab.get(word);
        }

        @Override
        public String decode(int[] ids) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public int vocabSize() {
            return vocab.size();
        }

        @Override
        public OptionalInt bosId() {
            return OptionalInt.of(0);
        }

        @Override
        public OptionalInt eosId() {
            return OptionalInt.empty();
        }

        @Override
        public synchronized OptionalInt tokenId(String token) {
            Integer id = vocab.get(token);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public void save(Path d) {
            throw new UnsupportedOperationException("not needed by these tests");
        }
    }

    private ChatTemplate template(Boolean trainAll) {
        return new RoleTokensFactory()
                .create(
                        new RoleTokensConfig(trainAll),
                        TestStepContext.builder(dir).build());
    }

    @Test
    void the_loss_covers_the_reply_and_its_end_marker_only() {
        ChatTemplate t = template(null);
        WordTokenizer tok = new WordTokenizer(t.specialTokens());
        Map<String, Object> record =
                Map.of("prompt", "what does the lion say", "reply", "roar", "source", "switchboard");
        TokenizedExample ex = SegmentEncoder.encode(ChatExamples.messages(record), t, tok);

        int user = tok.id("<|user|>");
        int assistant = tok.id("<|assistant|>");
        int end = tok.id("<|end|>");
        assertArrayEquals(
                new int[] {
                    0,
                    user,
                    tok.id("what"),
                    tok.id("does"),
                    tok.id("the"),
                    tok.id("lion"),
                    tok.id("say"),
                    end,
                    assistant,
                    tok.id("roar"),
                    end
                },
                ex.ids());
        assertArrayEquals(
                new boolean[] {false, false, false, false, false, false, false, false, false, true, true},
                ex.lossMask());
        assertEquals(2, ex.trainableTokens());
    }

    @Test
    void earlier_assistant_turns_become_context_when_only_the_last_is_trained() {
        List<ChatMessage> chat = List.of(
                ChatMessage.system("be kind"),
                ChatMessage.user("hi"),
                ChatMessage.assistant("hello"),
                ChatMessage.user("bye"),
                ChatMessage.assistant("see you"));
        ChatTemplate all = template(true);
        ChatTemplate last = template(false);
        WordTokenizer tok = new WordTokenizer(all.specialTokens());
        // hello + <|end|> and see + you + <|end|>
        assertEquals(5, SegmentEncoder.encode(chat, all, tok).trainableTokens());
        assertEquals(3, SegmentEncoder.encode(chat, last, tok).trainableTokens());
    }

    @Test
    void a_tokenizer_without_the_role_tokens_is_refused_with_the_token_named() {
        WordTokenizer plain = new WordTokenizer(List.of());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SegmentEncoder.encode(
                        List.of(ChatMessage.user("hi"), ChatMessage.assistant("ho")), new RoleTokensTemplate(), plain));
        assertTrue(e.getMessage().contains("<|user|>"), e.getMessage());
    }

    @Test
    void the_default_template_names_exactly_the_bpe_special_tokens() {
        assertEquals(
                List.of("<|system|>", "<|user|>", "<|assistant|>", "<|end|>"),
                new RoleTokensTemplate().specialTokens());
    }

    @Test
    void truncation_keeps_the_prefix_and_its_mask() {
        TokenizedExample ex = new TokenizedExample(new int[] {1, 2, 3, 4}, new boolean[] {false, false, true, true});
        assertEquals(new TokenizedExample(new int[] {1, 2, 3}, new boolean[] {false, false, true}), ex.truncate(3));
    }
}
