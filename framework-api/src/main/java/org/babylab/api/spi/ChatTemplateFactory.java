package org.babylab.api.spi;

import org.babylab.api.ComponentKind;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.step.ComponentContext;

/**
 * Makes chat templates: how a conversation becomes text segments, each marked trainable or not. A
 * chat template is a source, like a dataset: {@link #create} must be cheap; its config and code take
 * part in the keys of the stages that reference it.
 */
public interface ChatTemplateFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.CHAT_TEMPLATE;
    }

    ChatTemplate create(C config, ComponentContext context) throws Exception;
}
