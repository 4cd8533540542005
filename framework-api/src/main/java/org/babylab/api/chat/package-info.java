/**
 * Chat templates and the records a training stage turns instruction data into: {@link org.babylab.api.chat.ChatMessage}s
 * from normalised records ({@code ChatExamples}), rendered into
 * {@link org.babylab.api.chat.Segment}s by a {@link org.babylab.api.chat.ChatTemplate}, encoded into a
 * {@link org.babylab.api.chat.TokenizedExample} with a loss mask, and packed into
 * {@link org.babylab.api.chat.PackedSequence}s whose examples never attend to each other. The default template
 * ({@code RoleTokensTemplate}), the encoder ({@code SegmentEncoder}) and the packer ({@code ExamplePacker}) are
 * implementation, like {@code ChatExamples}, in the plugin toolkit's {@code org.babylab.toolkit.chat} (moved there in API 0.6).
 */
package org.babylab.api.chat;
