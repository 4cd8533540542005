/**
 * Chat templates and what a training stage needs to turn instruction data into token ids with a loss
 * mask: {@link org.babylab.api.chat.ChatMessage}s from normalised records
 * ({@link org.babylab.api.chat.ChatExamples}), rendered into {@link org.babylab.api.chat.Segment}s
 * by a {@link org.babylab.api.chat.ChatTemplate}, encoded by
 * {@link org.babylab.api.chat.SegmentEncoder} into a {@link org.babylab.api.chat.TokenizedExample}, and
 * packed by {@link org.babylab.api.chat.ExamplePacker} into {@link org.babylab.api.chat.PackedSequence}s
 * whose examples never attend to each other.
 */
package org.babylab.api.chat;
