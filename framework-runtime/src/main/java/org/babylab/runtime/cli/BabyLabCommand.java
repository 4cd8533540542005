package org.babylab.runtime.cli;

import picocli.CommandLine.Command;

/** The top-level command; every action is a subcommand. */
@Command(
        name = "babylab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative small-language-model studies: one YAML file, planned, cached, run and reported.",
        subcommands = {
            RunCommand.class,
            SweepCommand.class,
            PlanCommand.class,
            ExplainCommand.class,
            ResultsCommand.class,
            ReportCommand.class,
            StatusCommand.class,
            CancelCommand.class,
            PluginsCommand.class,
            SchemaCommand.class,
            VerifyCommand.class,
            GcCommand.class,
            ExportCommand.class,
            PathCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
final class BabyLabCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
