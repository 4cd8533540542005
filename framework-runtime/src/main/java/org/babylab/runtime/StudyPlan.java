package org.babylab.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.babylab.runtime.internal.exec.ModelExporter;
import org.babylab.runtime.internal.plan.KeyExplainer;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlanPrinter;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.report.ResultsTable;
import org.babylab.runtime.internal.report.TrainingSummary;

/**
 * The steps of a {@link Study} in dependency order, each with its chained cache key, as
 * {@link Study#plan()} made it. Immutable; whether a step is {@linkplain #isStored stored} is read
 * from the store at each call.
 *
 * <p>Added in API 0.6.
 */
public final class StudyPlan {
    private final Study study;
    private final Plan plan;
    private final List<StudyStep> steps;

    StudyPlan(Study study, Plan plan) {
        this.study = study;
        this.plan = plan;
        this.steps = plan.steps().stream().map(StudyStep::of).toList();
    }

    /** The study it plans. */
    public Study study() {
        return study;
    }

    /** Every step, inputs before the steps that read them. */
    public List<StudyStep> steps() {
        return steps;
    }

    /** True when {@code step}'s output is complete (and verified) in the study's store. */
    public boolean isStored(StudyStep step) {
        return study.store().isComplete(step.key());
    }

    /** The directory holding a stored step's output; empty while it is not stored. */
    public Optional<Path> outputDir(StudyStep step) {
        return isStored(step) ? Optional.of(study.store().outputDir(step.key())) : Optional.empty();
    }

    /**
     * The part of this plan needed for {@code keys} (full keys): those steps and everything they
     * depend on, for running one step once its inputs exist ({@code run --only-step}, cluster jobs).
     *
     * @throws BabyLabException naming a key that is not a step of this plan
     */
    public StudyPlan upTo(Collection<String> keys) {
        try {
            return new StudyPlan(study, plan.upTo(keys));
        } catch (IllegalArgumentException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /**
     * The step named {@code selector}: its exact name, its name without the sweep label when that is
     * unique, or a unique key prefix (4 hex digits or more).
     *
     * @throws BabyLabException when no step or several match, listing the candidates
     */
    public StudyStep find(String selector) {
        try {
            return StudyStep.of(KeyExplainer.find(plan, selector));
        } catch (IllegalArgumentException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /** The DAG as {@code babylab plan} prints it: stored steps, steps to run, sharing between trials, estimates. */
    public String tree() {
        return PlanPrinter.tree(plan, study.store());
    }

    /** The plan as JSON ({@code babylab plan --json}): steps with key, type, inputs and whether they are stored. */
    public String json() {
        return PlanPrinter.json(plan, study.store());
    }

    /**
     * Why the step named {@code selector} will run (again): which parts of its key document differ
     * from the last stored run of the same step in the same experiment and trial.
     *
     * @throws BabyLabException when {@code selector} names no step or several
     */
    public String explain(String selector) {
        try {
            return new KeyExplainer(study.store()).explain(plan, selector);
        } catch (IllegalArgumentException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /**
     * Writes the model a stored model or stage step produced into {@code dir} (new or empty), in its
     * family's saved layout (for a LLaMA: a Hugging Face directory that {@code from_pretrained} loads).
     *
     * @throws BabyLabException when the step is not a stored model or stage, or {@code dir} is not empty
     * @throws Exception what the model family's loader or saver throws
     */
    public void export(StudyStep step, Path dir) throws Exception {
        try {
            ModelExporter.export(study.lab().plugins(), study.store(), internal(step), dir);
        } catch (IllegalArgumentException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /**
     * The results table of what is stored now: a row per trial and evaluated model, a column per
     * evaluator (and benchmark averages).
     *
     * @throws java.io.UncheckedIOException naming the file when a stored result cannot be read
     */
    public Results results() {
        return new Results(
                this, ResultsTable.collect(plan, study.store(), study.lab().plugins()));
    }

    /**
     * Per training step, the rows of its {@code train-metrics.jsonl} and the last value of each
     * column, with the table's path, as {@code babylab results --training} prints them.
     */
    public String trainingSummary() {
        return TrainingSummary.render(TrainingSummary.collect(plan, study.store()));
    }

    Plan plan() {
        return plan;
    }

    PlannedStep internal(StudyStep step) {
        return plan.step(step.key())
                .orElseThrow(() -> new IllegalArgumentException(step.name() + " is not a step of this plan"));
    }
}
