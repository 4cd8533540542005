package org.babylab.plugins.instruct;

import org.babylab.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class InstructPluginTest {
    @Test
    void the_plugin_is_well_formed() {
        PluginChecks.assertWellFormed(new InstructPlugin());
    }
}
