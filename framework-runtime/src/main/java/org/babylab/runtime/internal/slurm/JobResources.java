package org.babylab.runtime.internal.slurm;

import java.util.Optional;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * What one step's job asks Slurm for. CPUs and GPUs come from the step's own resource request, not
 * from the machine that submits: a request for "all this machine's cores" (which the submitting
 * login node would turn into 64) is capped at {@link ClusterSettings#maxCpusOrDefault()}, and the
 * step type's {@code cpus} setting replaces it. An evaluation asks for a GPU only when its evaluator
 * does and the model it scores would use one (an n-gram never does); CPU-only steps never ask for one.
 *
 * @param type the step type, which picks the limits
 * @param cpus {@code --cpus-per-task}
 * @param gpus GPUs for {@code --gres=gpu:N}; 0 for none
 * @param partition the partition, or null for Slurm's default
 * @param limits time and memory (always set)
 */
record JobResources(JobClass type, int cpus, int gpus, String partition, StepLimits limits) {
    public JobResources {
        if (cpus < 1 || gpus < 0 || limits == null || limits.time() == null || limits.memMegabytes() == null) {
            throw new IllegalArgumentException("cpus >= 1, gpus >= 0 and time and memory limits are required");
        }
    }

    /** The resources of {@code step} of {@code plan} under {@code settings}. */
    public static JobResources of(ComponentCatalog catalog, Plan plan, PlannedStep step, ClusterSettings settings) {
        JobClass type = JobClass.of(step);
        StepLimits limits = settings.limitsFor(type);
        ResourceRequest r = request(catalog, step.decl());
        int gpus = r.gpus();
        if (step.isEvaluation() && gpus > 0) {
            gpus = evaluatedModelUsesGpu(catalog, plan, step) ? gpus : 0;
        }
        int cpus = limits.cpus() != null ? limits.cpus() : Math.min(r.cpuThreads(), settings.maxCpusOrDefault());
        return new JobResources(type, cpus, gpus, settings.partitionFor(gpus > 0), limits);
    }

    /** The JVM heap for a job with this memory: three quarters of it, leaving room for native (PyTorch) memory. */
    public long heapMegabytes() {
        return Math.max(256, limits.memMegabytes() * 3 / 4);
    }

    private static boolean evaluatedModelUsesGpu(ComponentCatalog catalog, Plan plan, PlannedStep eval) {
        String modelKey = eval.inputs().get(PlannedStep.EVALUATED_MODEL);
        Optional<PlannedStep> model = modelKey == null ? Optional.empty() : plan.step(modelKey);
        if (model.isEmpty()) {
            return true; // Unknown model: keep the evaluator's own request.
        }
        ComponentDecl family = model.get().family() != null
                ? model.get().family()
                : model.get().decl();
        return request(catalog, family).gpus() > 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResourceRequest request(ComponentCatalog catalog, ComponentDecl decl) {
        Optional<ComponentFactory<?>> f = catalog.factory(decl.kind(), decl.type());
        if (f.isEmpty()) {
            throw new IllegalStateException(
                    "no " + decl.kind().singular() + " type '" + decl.type() + "' is installed");
        }
        ResourceRequest r =
                PluginCalls.withContextLoader(f.get(), () -> ((ComponentFactory) f.get()).resources(decl.config()));
        return r == null ? ResourceRequest.cpu(1) : r;
    }
}
