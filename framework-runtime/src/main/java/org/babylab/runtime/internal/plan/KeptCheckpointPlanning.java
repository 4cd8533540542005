package org.babylab.runtime.internal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.KeptCheckpoint;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * Plans the kept checkpoints of a stage step as steps {@code stage@name}, published by the stage's
 * step while it trains. A checkpoint's key is the stage's key document with the factory's
 * {@link TrainingStageFactory#lengthKeys} (how far training goes) left out and the checkpoint's name
 * and position added under {@link Planner#KEPT_FIELD}: the same inputs, seed, code and every other
 * setting, so it changes with anything that changes the weights up to that point, and not with
 * training that goes further. The stage is only an ordering dependency.
 */
final class KeptCheckpointPlanning {
    private final ComponentCatalog catalog;
    private final PlanningState state;
    private final PlanTimeSources opened;

    KeptCheckpointPlanning(ComponentCatalog catalog, PlanningState state, PlanTimeSources opened) {
        this.catalog = catalog;
        this.state = state;
        this.opened = opened;
    }

    /**
     * Plans {@code stage}'s kept checkpoints after its own step {@code stageDraft}.
     *
     * @return the checkpoints' keys by checkpoint name, in training order (empty when the stage keeps
     *     none); null when its type is not a training stage's, or after reporting a problem
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> plan(
            StepDrafter drafter,
            ComponentDecl stage,
            Map<String, String> inputs,
            ComponentDecl family,
            StepDraft stageDraft) {
        Optional<ComponentFactory<?>> f = catalog.factory(stage.kind(), stage.type());
        if (f.isEmpty() || !(f.get() instanceof TrainingStageFactory factory)) {
            return null;
        }
        List<KeptCheckpoint> points;
        Set<String> lengthKeys;
        String dependence;
        try {
            points = PluginCalls.withContextLoader(
                    factory, () -> factory.keptCheckpoints(stage.config(), opened.planInputs(stage, inputs)));
            lengthKeys = PluginCalls.withContextLoader(factory, () -> factory.lengthKeys(stage.config()));
            dependence = PluginCalls.withContextLoader(factory, () -> factory.lengthDependence(stage.config()));
        } catch (Exception | LinkageError e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            state.problem(
                    stage,
                    "stage '" + stage.name() + "' (type " + stage.type() + "): cannot list its kept checkpoints: "
                            + message,
                    "");
            return null;
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (KeptCheckpoint point : points == null ? List.<KeptCheckpoint>of() : points) {
            if (byName.containsKey(point.name())) {
                state.problem(
                        stage, "stage '" + stage.name() + "' keeps two checkpoints named '" + point.name() + "'", "");
                return null;
            }
            Map<String, Object> config = new LinkedHashMap<>(stage.canonicalConfig());
            lengthKeys.forEach(config::remove);
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("name", point.name());
            descriptor.put("position", point.position());
            if (lengthKeys.isEmpty() && dependence != null) {
                // Shown by explain: why extending this stage cannot reuse its checkpoints.
                descriptor.put("depends_on_length", dependence);
            }
            config.put(Planner.KEPT_FIELD, descriptor);
            StepDraft d =
                    drafter.draft(stage, inputs, family, null, stage.id() + KeptPlan.AT + point.name(), config, null);
            if (d == null) {
                return null;
            }
            d.kept = new KeptPlan(stageDraft.key, stage.name(), point.name());
            // Only the stage, which depends on everything else it reads: plans show the checkpoint under it.
            d.dependsOn.clear();
            d.dependsOn.add(stageDraft.key);
            byName.put(point.name(), d.key);
            drafter.markUsed(d.key);
        }
        return byName;
    }
}
