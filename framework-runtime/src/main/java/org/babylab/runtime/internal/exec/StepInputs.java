package org.babylab.runtime.internal.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.api.ComponentKind;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.data.Dataset;
import org.babylab.api.eval.EvaluatedModel;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.reward.Reward;
import org.babylab.api.step.Inputs;
import org.babylab.api.step.LoadContext;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedSource;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * The {@link Inputs} of one running step. Loads each reference on first use and keeps it for the
 * step; models it loaded are closed by {@link #close()}. A curriculum's datasets are reachable too,
 * by their names, since a stage that follows a curriculum must read them. Thread-safe (synchronized).
 */
final class StepInputs implements Inputs, AutoCloseable {
    private final Plan plan;
    private final InputLoader loader;
    private final LoadContext loadContext;
    private final StepLog log;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, Object> loaded = new LinkedHashMap<>();
    private final Map<LanguageModel, Boolean> models = new IdentityHashMap<>();
    private final EvaluatedModel evaluated;

    StepInputs(Plan plan, PlannedStep step, InputLoader loader, LoadContext loadContext, StepLog log) {
        this.plan = plan;
        this.loader = loader;
        this.loadContext = loadContext;
        this.log = log;
        step.inputs().forEach((name, key) -> {
            if (!(step.isEvaluation() && name.equals(PlannedStep.EVALUATED_MODEL))) {
                keys.put(name, key);
            }
        });
        if (step.evaluates() != null) {
            keys.put(step.evaluates(), step.inputs().get(PlannedStep.EVALUATED_MODEL));
        }
        evaluated = step.evaluates() == null
                ? null
                : new EvaluatedModel(step.evaluates(), step.inputs().get(PlannedStep.EVALUATED_MODEL));
        // Datasets named by referenced curricula (one level: curricula reference datasets only), and
        // what referenced rewards reference (models, other rewards; the planner made them inputs too).
        for (String key : List.copyOf(keys.values())) {
            PlannedSource s = plan.sources().get(key);
            if (s != null && s.decl().kind() == ComponentKind.CURRICULUM) {
                s.inputs().forEach(keys::putIfAbsent);
            }
            if (s != null && s.decl().kind() == ComponentKind.REWARD) {
                addRewardInputs(s);
            }
        }
    }

    /** The model an evaluation step scores; empty for other steps. */
    java.util.Optional<EvaluatedModel> evaluatedModel() {
        return java.util.Optional.ofNullable(evaluated);
    }

    @Override
    public synchronized Dataset dataset(String name) {
        return (Dataset) load(name, ComponentKind.DATASET);
    }

    @Override
    public synchronized Tokenizer tokenizer(String name) {
        return (Tokenizer) load(name, ComponentKind.TOKENIZER);
    }

    @Override
    public synchronized LanguageModel model(String name) {
        return (LanguageModel) load(name, ComponentKind.MODEL);
    }

    @Override
    public synchronized Curriculum curriculum(String name) {
        return (Curriculum) load(name, ComponentKind.CURRICULUM);
    }

    @Override
    public synchronized ChatTemplate chatTemplate(String name) {
        return (ChatTemplate) load(name, ComponentKind.CHAT_TEMPLATE);
    }

    @Override
    public synchronized Reward reward(String name) {
        return (Reward) load(name, ComponentKind.REWARD);
    }

    private void addRewardInputs(PlannedSource reward) {
        reward.inputs().forEach((name, key) -> {
            keys.putIfAbsent(name, key);
            PlannedSource nested = plan.sources().get(key);
            if (nested != null && nested.decl().kind() == ComponentKind.REWARD) {
                addRewardInputs(nested);
            }
        });
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** True when {@code model} was loaded here (and will be closed by {@link #close()}). */
    synchronized boolean owns(LanguageModel model) {
        return models.containsKey(model);
    }

    private Object load(String name, ComponentKind wanted) {
        Object have = loaded.get(name);
        if (have != null) {
            return have;
        }
        String key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException(
                    "this step does not reference '" + name + "'; it references " + keys.keySet());
        }
        Object value;
        try {
            value = wanted == ComponentKind.DATASET
                            || wanted == ComponentKind.CURRICULUM
                            || wanted == ComponentKind.CHAT_TEMPLATE
                            || wanted == ComponentKind.REWARD
                    ? source(name, key, wanted)
                    : stepOutput(name, key, wanted);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot load " + wanted.singular() + " '" + name + "': " + e.getMessage(), e);
        }
        loaded.put(name, value);
        return value;
    }

    private Object source(String name, String key, ComponentKind wanted) throws Exception {
        PlannedSource s = plan.sources().get(key);
        if (s == null || s.decl().kind() != wanted) {
            throw new IllegalArgumentException("'" + name + "' is " + describe(key) + ", not a " + wanted.singular());
        }
        var ctx = InputLoader.sourceContext(
                plan.definition().baseDir(), plan.definition().seed(), s, log);
        return switch (wanted) {
            case DATASET -> loader.dataset(s, ctx);
            case CHAT_TEMPLATE -> loader.chatTemplate(s, ctx);
            // The reward reads its own references (a teacher model, other rewards) through this step's inputs.
            case REWARD -> loader.reward(s, ctx, this);
            default -> loader.curriculum(s, ctx);
        };
    }

    private Object stepOutput(String name, String key, ComponentKind wanted) throws Exception {
        PlannedStep producer = plan.step(key)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + name + "' is " + describe(key) + ", not a " + wanted.singular()));
        if (wanted == ComponentKind.TOKENIZER) {
            if (producer.kind() != ComponentKind.TOKENIZER) {
                throw new IllegalArgumentException("'" + name + "' is " + producer.name() + ", not a tokenizer");
            }
            return loader.tokenizer(producer, loadContext);
        }
        if (producer.family() == null || producer.isEvaluation()) {
            throw new IllegalArgumentException("'" + name + "' is " + producer.name() + ", not a model or stage");
        }
        LanguageModel m = loader.model(producer, loadContext);
        models.put(m, Boolean.TRUE);
        return m;
    }

    private String describe(String key) {
        return plan.describe(key).orElse("unknown (" + key.substring(0, 12) + ")");
    }

    @Override
    public synchronized void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (LanguageModel m : models.keySet()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        models.clear();
        errors.forEach(e -> log.error("closing an input model failed", e));
    }
}
