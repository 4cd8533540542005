package org.babylab.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.babylab.runtime.StudyPlan;
import org.babylab.runtime.StudyStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code babylab export FILE STEP DIR}: writes the model a stored model or stage step produced into
 * DIR, in its family's saved layout (for a LLaMA: a Hugging Face directory that
 * {@code from_pretrained} loads).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a stored model or stage step's model into DIR (for a LLaMA: a Hugging Face directory).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Parameters(
            index = "1",
            paramLabel = "STEP",
            description = "A model or stage step (as printed by plan), or a key prefix.")
    String step;

    @Parameters(index = "2", paramLabel = "DIR", description = "A new or empty directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        StudyPlan plan =
                Session.open(common, spec.commandLine().getErr()).study().plan();
        StudyStep s = plan.find(step);
        plan.export(s, dir);
        spec.commandLine()
                .getOut()
                .println("exported " + s.name() + " (" + s.shortKey() + ") to "
                        + dir.toAbsolutePath().normalize());
        return ExitCodes.OK;
    }
}
