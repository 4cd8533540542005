/**
 * Chat helpers that instruction data and instruction tuning share: conversations from normalised records
 * ({@link org.babylab.toolkit.chat.ChatExamples}), the default template
 * ({@link org.babylab.toolkit.chat.RoleTokensTemplate}, whose special tokens the bpe tokenizer adds), encoding
 * with a loss mask ({@link org.babylab.toolkit.chat.SegmentEncoder}) and packing
 * ({@link org.babylab.toolkit.chat.ExamplePacker}).
 */
package org.babylab.toolkit.chat;
