package org.babylab.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.RegisteredFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code babylab plugins}: every installed type with its kind, version and origin. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = "List every installed component type: kind, type id, version, plugin, origin.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--plugins", paramLabel = "DIR", description = "Also load the plugin jars in DIR (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry =
                Session.openLab(pluginDirs, null, spec.commandLine().getErr()).plugins();
        List<RegisteredFactory> all = new ArrayList<>(registry.all());
        all.sort(Comparator.comparing((RegisteredFactory f) -> f.kind().ordinal())
                .thenComparing(RegisteredFactory::type));
        String fmt = "%-10s %-18s %-8s %-22s %s%n";
        out.printf(fmt, "KIND", "TYPE", "VERSION", "PLUGIN", "ORIGIN");
        for (RegisteredFactory f : all) {
            out.printf(
                    fmt,
                    f.kind().singular(),
                    f.type(),
                    f.version(),
                    f.origin().pluginName() + " " + f.origin().pluginVersion(),
                    f.origin().location());
        }
        return registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
