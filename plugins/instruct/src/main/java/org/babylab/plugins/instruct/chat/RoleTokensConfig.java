package org.babylab.plugins.instruct.chat;

import org.babylab.api.config.Doc;

/**
 * Configuration of the {@code role-tokens} chat template.
 *
 * @param trainAllAssistantTurns train on every assistant turn (default true) or only on the last one
 */
@Doc(
        "Role tokens around every turn: <|user|>...<|end|><|assistant|>...<|end|>; the loss covers replies and their <|end|>.")
public record RoleTokensConfig(
        @Doc("Train on every assistant turn of a multi-turn conversation (default true), or only on the last.")
        Boolean trainAllAssistantTurns) {
    public RoleTokensConfig {
        trainAllAssistantTurns = trainAllAssistantTurns == null || trainAllAssistantTurns;
    }
}
