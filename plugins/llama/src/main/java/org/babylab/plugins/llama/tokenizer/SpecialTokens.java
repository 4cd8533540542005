package org.babylab.plugins.llama.tokenizer;

import java.util.List;
import org.babylab.toolkit.chat.RoleTokensTemplate;

/**
 * The special tokens every tokenizer trained by BabyLab carries, in id order (they take ids 0..6):
 * padding, beginning and end of sequence, and the chat-role markers that instruction tuning uses.
 * There is no unknown token: byte-level BPE can spell every string. The chat-role markers are the
 * default chat template's ({@link RoleTokensTemplate}), taken from it so the two cannot differ.
 */
public final class SpecialTokens {
    public static final String PAD = "<|pad|>";
    public static final String BOS = "<|bos|>";
    public static final String EOS = "<|eos|>";
    public static final String SYSTEM = RoleTokensTemplate.SYSTEM_TOKEN;
    public static final String USER = RoleTokensTemplate.USER_TOKEN;
    public static final String ASSISTANT = RoleTokensTemplate.ASSISTANT_TOKEN;
    public static final String END = RoleTokensTemplate.END_TOKEN;

    /** All of them in the order of their ids. */
    public static final List<String> ALL = List.of(PAD, BOS, EOS, SYSTEM, USER, ASSISTANT, END);

    /** Names other tokenizers (LLaMA, GPT-2) give the same roles; looked up when importing one. */
    static final List<String> BOS_ALIASES = List.of(BOS, "<s>", "<|begin_of_text|>", "<|endoftext|>");

    static final List<String> EOS_ALIASES = List.of(EOS, "</s>", "<|end_of_text|>", "<|endoftext|>");
    static final List<String> PAD_ALIASES = List.of(PAD, "<pad>", "<|padding|>");

    private SpecialTokens() {}
}
