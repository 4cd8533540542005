package org.babylab.plugins.llama.tokenizer;

/**
 * GPT-2's reversible byte-to-character table, as used by Hugging Face's {@code ByteLevel}
 * pre-tokenizer and decoder: every byte maps to a printable character, so byte-level BPE tokens are
 * ordinary strings with no whitespace or control characters in them.
 *
 * <p>Stateless and thread-safe.
 */
final class ByteLevelAlphabet {
    private static final char[] BYTE_TO_CHAR = buildTable();

    private ByteLevelAlphabet() {}

    /** The character standing for {@code b} (0-255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte-level string of a piece of text: its UTF-8 bytes, each mapped by {@link #charOf}. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = charOf(bytes[i]);
        }
        return new String(out);
    }

    private static char[] buildTable() {
        // Printable Latin-1 bytes stand for themselves; the remaining 68 bytes are shifted above 255, in byte order.
        char[] table = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) printable[b] = true;
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            table[b] = printable[b] ? (char) b : (char) (256 + shifted++);
        }
        return table;
    }
}
