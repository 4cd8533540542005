package org.babylab.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.babylab.runtime.Results;
import org.babylab.runtime.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code babylab report FILE}: the study's HTML report from what is already in the store; runs nothing. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Write the study report from the store: one self-contained HTML page (figures inline as SVG, opens offline) "
                        + "plus each figure as SVG and PNG. 'run' writes it too, after every run.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description =
                    "Where to write index.html and figures/ (default: the experiment's results directory, report/).")
    Path output;

    @Override
    public Integer call() {
        Study study = Session.open(common, spec.commandLine().getErr()).study();
        Results table = study.plan().results();
        Path dir = output != null
                ? output.toAbsolutePath().normalize()
                : study.resultsDir().resolve("report");
        int figures;
        try {
            figures = table.writeReport(dir);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println("report: " + dir.resolve("index.html") + " (" + figures + " figure(s), each also as SVG and PNG in "
                + dir.resolve("figures") + ")");
        if (!table.hasAnyResult()) {
            out.println("no evaluation has a result in the store yet; run it first: babylab run " + common.file);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
