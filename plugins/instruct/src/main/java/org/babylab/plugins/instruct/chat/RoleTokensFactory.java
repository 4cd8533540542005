package org.babylab.plugins.instruct.chat;

import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.spi.ChatTemplateFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.toolkit.chat.RoleTokensTemplate;

/**
 * {@code type: role-tokens}: the API's default {@link RoleTokensTemplate}, declarable in YAML so that a
 * stage can name it and its settings take part in the stage's key. Stateless and thread-safe.
 */
public final class RoleTokensFactory implements ChatTemplateFactory<RoleTokensConfig> {

    @Override
    public String type() {
        return "role-tokens";
    }

    @Override
    public Class<RoleTokensConfig> configType() {
        return RoleTokensConfig.class;
    }

    @Override
    public String description() {
        return "Role tokens <|system|> <|user|> <|assistant|> <|end|> around each turn; loss on replies only.";
    }

    @Override
    public ChatTemplate create(RoleTokensConfig config, ComponentContext context) {
        return new RoleTokensTemplate(config.trainAllAssistantTurns());
    }
}
