package org.babylab.toolkit.scoring;

/**
 * One thing to score: the log-probability of {@code continuation} following {@code context}.
 *
 * <p>The model reads {@code context + continuation} as one text; the scored tokens are those whose
 * characters overlap the continuation. Whole-sentence scoring is a request with an empty context.
 * Values are immutable and safe to share between threads.
 *
 * @param context the conditioning text, never null, possibly empty
 * @param continuation the scored text, never null and never empty
 */
public record ContinuationRequest(String context, String continuation) {
    public ContinuationRequest {
        if (context == null) {
            throw new IllegalArgumentException("context must not be null (use \"\" to score a whole text)");
        }
        if (continuation == null || continuation.isEmpty()) {
            throw new IllegalArgumentException(
                    "continuation must be a non-empty text, got " + (continuation == null ? "null" : "\"\""));
        }
    }

    /** A request that scores all of {@code text}, conditioning on nothing but the BOS token (if any). */
    public static ContinuationRequest wholeText(String text) {
        return new ContinuationRequest("", text);
    }

    /** The text the model reads: context then continuation. */
    public String fullText() {
        return context + continuation;
    }
}
