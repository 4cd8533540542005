package org.babylab.runtime.cli;

import java.util.concurrent.Callable;
import org.babylab.runtime.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code babylab explain FILE STEP}: why a step will run (again): which parts of its key differ
 * from the last stored run of the same step. {@code --keys A B} compares two stored keys.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Say which parts of a step's cache key changed and why it will run again.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "STEP",
            description = "A step name (as printed by plan) or a key prefix.")
    String step;

    @Option(names = "--keys", arity = "2", paramLabel = "KEY", description = "Compare two stored keys instead.")
    String[] keys;

    @Override
    public Integer call() {
        Study study = Session.open(common, spec.commandLine().getErr()).study();
        if (keys != null) {
            spec.commandLine().getOut().println(study.compareKeys(keys[0], keys[1]));
            return ExitCodes.OK;
        }
        if (step == null) {
            throw new UserError("name a STEP (as printed by 'babylab plan') or use --keys A B");
        }
        spec.commandLine().getOut().println(study.plan().explain(step));
        return ExitCodes.OK;
    }
}
