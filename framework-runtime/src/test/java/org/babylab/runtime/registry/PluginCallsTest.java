package org.babylab.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.junit.jupiter.api.Test;

class PluginCallsTest {
    @Test
    void the_context_loader_is_the_given_one_during_the_call_and_the_previous_one_after_a_throw() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            assertSame(
                    plugin,
                    PluginCalls.withContextLoader(
                            plugin, () -> Thread.currentThread().getContextClassLoader()));
            assertThrows(
                    IllegalStateException.class,
                    () -> PluginCalls.withContextLoader(plugin, () -> {
                        throw new IllegalStateException("plugin failed");
                    }));
        }
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void a_missing_class_outside_plugin_jars_passes_through_unchanged() {
        NoClassDefFoundError e = new NoClassDefFoundError("com/example/Gone");
        NoClassDefFoundError thrown = assertThrows(
                NoClassDefFoundError.class,
                () -> PluginCalls.withContextLoader(getClass().getClassLoader(), () -> {
                    throw e;
                }));
        assertSame(e, thrown);
        Exception checked = new ClassNotFoundException("com.example.Gone");
        assertSame(
                checked,
                assertThrows(
                        ClassNotFoundException.class,
                        () -> PluginCalls.withContextLoader(getClass().getClassLoader(), () -> {
                            throw (ClassNotFoundException) checked;
                        })));
        assertEquals("com.example.Gone", checked.getMessage());
    }
}
