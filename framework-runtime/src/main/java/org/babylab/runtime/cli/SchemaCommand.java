package org.babylab.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code babylab schema}: a JSON Schema of the whole DSL with every installed plugin's config, for
 * YAML editors (e.g. {@code # yaml-language-server: $schema=babylab.schema.json}).
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Write the JSON Schema of the DSL, including every installed plugin's config.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--plugins", paramLabel = "DIR", description = "Also load the plugin jars in DIR (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String json =
                Session.openLab(pluginDirs, null, spec.commandLine().getErr()).schema();
        if (output == null) {
            spec.commandLine().getOut().println(json);
        } else {
            Files.writeString(output, json + "\n");
            spec.commandLine().getErr().println("wrote " + output);
        }
        return ExitCodes.OK;
    }
}
