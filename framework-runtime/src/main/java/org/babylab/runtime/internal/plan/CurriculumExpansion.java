package org.babylab.runtime.internal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.Reference;
import org.babylab.runtime.internal.store.Sha256;

/**
 * Expands a stage that follows a curriculum into one step per phase, chained: phase 1 starts from the
 * stage's model input, phase k from phase k-1, and the stage's name refers to the last phase. The
 * order of a phase's examples (its {@link OrderManifest}) is laid out at plan time from the sizes of
 * its datasets; its hash, not the curriculum's name, goes into the phase's key, so curricula that
 * begin alike share their first phases.
 */
final class CurriculumExpansion {
    private final PlanningState state;
    private final PlanTimeSources opened;

    CurriculumExpansion(PlanningState state, PlanTimeSources opened) {
        this.state = state;
        this.opened = opened;
    }

    /**
     * Plans {@code stage}'s phases and returns the last phase's key (what the stage's name refers
     * to), or null after reporting a problem. A phase step's key covers the stage's type, version,
     * code and config without the curriculum's name, the previous step's key, the phase's datasets
     * and its order manifest: nothing of later phases.
     *
     * @param inputs the stage's resolved inputs, the curriculum's fingerprint among them
     * @param from the stage's model reference, which phase 1 starts from
     */
    String expand(
            StepDrafter drafter,
            ComponentDecl stage,
            Map<String, String> inputs,
            ComponentDecl family,
            Reference from,
            Reference curriculumRef) {
        PlannedSource source = state.sources.get(inputs.get(curriculumRef.target()));
        Curriculum curriculum;
        try {
            curriculum = opened.create(source, CurriculumFactory.class);
        } catch (Exception e) {
            state.problem(source.decl(), source.decl().id() + ": cannot create the curriculum: " + e.getMessage(), "");
            return null;
        }
        List<CurriculumPhase> phases = curriculum.phases();
        if (phases == null || phases.isEmpty()) {
            state.problem(
                    source.decl(), source.decl().id() + " has no phases", "a curriculum yields at least one phase");
            return null;
        }
        Map<String, Object> config = new LinkedHashMap<>(stage.canonicalConfig());
        config.remove(curriculumRef.key());
        Map<String, String> common = new TreeMap<>(inputs);
        common.remove(curriculumRef.target());
        long seed = drafter.stepSeed(stage);
        String previous = inputs.get(from.target());
        for (int k = 0; k < phases.size(); k++) {
            CurriculumPhase phase = phases.get(k);
            Map<String, String> datasets = new TreeMap<>();
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (String name : phase.datasets()) {
                String fp = source.inputs().get(name);
                if (fp == null) {
                    state.problem(
                            source.decl(),
                            source.decl().id() + " phase " + (k + 1) + " draws from '" + name
                                    + "', which the curriculum's config does not reference",
                            "curricula name their datasets in @Ref(DATASET) keys");
                    return null;
                }
                Integer size = opened.recordCount(state.sources.get(fp));
                if (size == null) {
                    return null;
                }
                datasets.put(name, fp);
                sizes.put(name, size);
            }
            OrderManifest order;
            try {
                order = curriculum.order(k, Map.copyOf(sizes), Sha256.longOf(seed + "\u0000phase\u0000" + k));
            } catch (RuntimeException e) {
                state.problem(
                        source.decl(),
                        source.decl().id() + " phase " + (k + 1) + " (" + phase.name() + "): cannot lay out its order: "
                                + e.getMessage(),
                        "dataset sizes: " + sizes);
                return null;
            }
            if (!phase.datasets().containsAll(order.datasets())) {
                state.problem(
                        source.decl(),
                        source.decl().id() + " phase " + (k + 1) + " orders datasets " + order.datasets()
                                + " beyond its own " + phase.datasets(),
                        "a phase's order may only draw from the phase's datasets");
                return null;
            }
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("epochs", order.epochs());
            descriptor.put("examples", order.size());
            descriptor.put(PhasePlan.ORDER_FIELD, order.hash());
            Map<String, Object> phaseConfig = new LinkedHashMap<>(config);
            phaseConfig.put(PhasePlan.KEY_FIELD, descriptor);
            Map<String, String> phaseInputs = new TreeMap<>(common);
            phaseInputs.putAll(datasets);
            // Put last: the stage's model input is the previous phase's output from phase 2 on.
            phaseInputs.put(from.target(), previous);
            PhasePlan plan = new PhasePlan(curriculumRef.target(), phase, k, phases.size(), order, datasets);
            StepDraft d =
                    drafter.draft(stage, phaseInputs, family, null, stage.id() + " " + plan.label(), phaseConfig, plan);
            if (d == null) {
                return null;
            }
            previous = d.key;
        }
        return previous;
    }
}
