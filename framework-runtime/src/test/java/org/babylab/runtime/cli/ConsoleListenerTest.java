package org.babylab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.babylab.runtime.Problem;
import org.babylab.runtime.SourceLocation;
import org.junit.jupiter.api.Test;

/** The command's console as a listener prints what Session used to print, word for word. */
class ConsoleListenerTest {
    private final StringWriter text = new StringWriter();
    private final ConsoleListener console = new ConsoleListener(new PrintWriter(text, true));

    @Test
    void aRefusedPluginSaysItWasNotLoadedAndAWarningIsPrintedAsItIs() {
        console.pluginProblem(
                Problem.error(new SourceLocation("plugins/x.jar", 0, 0), "plugin 'x' needs API 9.0", "rebuild it"));
        console.pluginProblem(Problem.warning(new SourceLocation("/missing", 0, 0), "plugin directory not found", ""));
        console.experimentWarning(
                Problem.warning(new SourceLocation("study.yaml", 3, 5), "unused dataset 'extra'", ""));
        console.storeEntryDamaged(
                "store entry 0123456789ab was damaged (output/a: missing); moved aside to /s/damaged/x; it will be computed again");
        assertEquals(
                String.join(
                        "\n",
                        "plugins/x.jar: error: plugin 'x' needs API 9.0",
                        "    rebuild it",
                        "    (that plugin was not loaded)",
                        "/missing: warning: plugin directory not found",
                        "study.yaml:3:5: warning: unused dataset 'extra'",
                        "warning: store entry 0123456789ab was damaged (output/a: missing); moved aside to /s/damaged/x; it will be computed again",
                        ""),
                text.toString().replace("\r\n", "\n"));
    }
}
