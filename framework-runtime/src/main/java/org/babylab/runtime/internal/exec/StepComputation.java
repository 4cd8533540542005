package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Attempt;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.EvaluationOutputs;
import org.babylab.runtime.internal.store.FailureRecord;
import org.babylab.runtime.internal.store.RunRecord;
import org.babylab.runtime.internal.store.StepLock;
import org.babylab.runtime.internal.store.Store;

/**
 * Computes one step on a worker thread: takes the key's store lock (so two launchers sharing a
 * store never compute one step twice), writes into a private attempt directory through the step's
 * {@link KindRunner}, and publishes it atomically with its provenance, or abandons it and records
 * the failure. Never throws: every way it ends is a {@link StepOutcome}. Thread-safe; one instance
 * serves one run.
 */
final class StepComputation {
    private final ComponentCatalog catalog;
    private final Store store;
    private final boolean verbose;
    private final InputLoader loader;
    private final RunEvents events;
    private final ProvenanceRecorder provenance;
    private final BooleanSupplier cancelled;
    /** The contexts of the steps computing now, which a cancellation reaches. */
    private final Set<RuntimeStepContext> live;
    /** Kept checkpoints ({@code pretrain@10M}) that a training step published during this run. */
    private final Set<String> keptThisRun;

    StepComputation(
            ComponentCatalog catalog,
            Store store,
            boolean verbose,
            InputLoader loader,
            RunEvents events,
            BooleanSupplier cancelled,
            Set<RuntimeStepContext> live,
            Set<String> keptThisRun) {
        this.catalog = catalog;
        this.store = store;
        this.verbose = verbose;
        this.loader = loader;
        this.events = events;
        this.provenance = new ProvenanceRecorder(catalog, store);
        this.cancelled = cancelled;
        this.live = live;
        this.keptThisRun = keptThisRun;
    }

    /**
     * Computes {@code step} unless another launcher did while this one waited for the lock.
     * {@code threadsNow} is the lease's live CPU share ({@link ResourcePool#threadsNow}), which the
     * step reads through its context.
     */
    @SuppressWarnings("try") // the lock is held for the body's duration, never referenced
    StepOutcome compute(Plan plan, PlannedStep step, DeviceLease lease, IntSupplier threadsNow) {
        Path logFile = store.logFile(step.key());
        if (cancelled.getAsBoolean()) {
            return new StepOutcome(step, lease, StepState.PENDING, null, logFile);
        }
        try (StepLock lock = store.lock(step.key())) {
            if (isDone(store, plan, step)) {
                // Another launcher computed it while we waited for the lock.
                events.reused(step, true);
                return new StepOutcome(step, lease, StepState.REUSED, null, logFile);
            }
            return attempt(plan, step, lease, threadsNow);
        } catch (IOException | RuntimeException e) {
            String message = "store error: " + e.getMessage();
            events.failed(step, message, null);
            return new StepOutcome(step, lease, StepState.FAILED, message, logFile);
        }
    }

    /**
     * True when {@code step}'s entry is complete and, for a training step that keeps checkpoints, so
     * is every kept checkpoint's: a checkpoint added to {@code keep} later trains the stage again.
     */
    static boolean isDone(Store store, Plan plan, PlannedStep step) {
        return store.isComplete(step.key())
                && plan.steps().stream()
                        .filter(s -> s.kept() != null && s.kept().stageKey().equals(step.key()))
                        .allMatch(s -> store.isComplete(s.key())
                                || store.failure(s.key())
                                        .map(f -> f.message().equals(notReached(step)))
                                        .orElse(false));
    }

    /** Why a kept checkpoint is missing after its stage finished; names the stage's key, which fixes how far it trains. */
    static String notReached(PlannedStep stage) {
        return stage.name() + " (" + stage.shortKey()
                + ") finished without reaching this checkpoint: its training ends earlier"
                + " (check epochs, max_steps and the checkpoint's position; the stage's log says where it ended)";
    }

    private StepOutcome attempt(Plan plan, PlannedStep step, DeviceLease lease, IntSupplier threadsNow)
            throws IOException {
        Attempt attempt = store.begin(step.key());
        Path checkpoints = store.checkpointDir(step.key());
        Files.createDirectories(checkpoints);
        Instant started = Instant.now();
        ProgressReporter progress = events.started(step, lease);
        long seed = step.keyDocument().seed() == null ? 0 : step.keyDocument().seed();
        try (StepLog log = new StepLog(store.logFile(step.key()), verbose ? events::logLine : null, step.name());
                JsonlPredictionSink predictions =
                        new JsonlPredictionSink(attempt.outputDir().resolve(EvaluationOutputs.PREDICTIONS))) {
            log.line("start " + step.name() + " key " + step.key() + " on " + ConsoleRunEvents.describe(lease));
            LoadContext loadContext = new LoadContext() {
                @Override
                public DeviceLease device() {
                    return lease;
                }

                @Override
                public int cpuThreadsNow() {
                    return threadsNow.getAsInt();
                }
            };
            StepInputs inputs = new StepInputs(plan, step, loader, loadContext, log);
            RuntimeStepContext ctx = new RuntimeStepContext(
                    step.name(),
                    step.key(),
                    plan.definition().baseDir(),
                    seed,
                    attempt.outputDir(),
                    checkpoints,
                    log,
                    inputs,
                    progress,
                    predictions,
                    lease,
                    threadsNow,
                    step.phase() == null ? null : step.phase().context(),
                    new KeptCheckpoints(
                            plan,
                            step,
                            store,
                            (s, finished) -> provenance.metadata(plan, s, seed, started, finished),
                            s -> keptThisRun.add(s.key())));
            live.add(ctx);
            if (cancelled.getAsBoolean()) {
                ctx.cancel(); // cancel() ran between this step's start and its registration
            }
            try {
                // The whole step (create, then evaluate/train/save on what it made) runs under the plugin's loader.
                KindRunner runner = KindRunner.of(step.kind());
                PluginCalls.run(
                        FactoryLookup.of(catalog, step.decl(), ComponentFactory.class),
                        () -> runner.produce(catalog, step, ctx, inputs, predictions));
                predictions.finish();
                if (ctx.cancelled()) {
                    throw new InterruptedException("cancelled (interrupt); nothing was published");
                }
                Instant finished = Instant.now();
                if (store.isComplete(step.key())) {
                    // Trained again only for kept checkpoints that were missing; the output is stored already.
                    store.abandon(attempt);
                    // Publishing would have removed them: a later retraining must start from step 0, not skip kept
                    // checkpoints.
                    AtomicFiles.deleteTree(store.checkpointDir(step.key()));
                    log.line("output already stored; trained again only to keep its missing checkpoints");
                    events.ranForKeptCheckpoints(step);
                    return new StepOutcome(step, lease, StepState.RAN, null, log.file());
                }
                EntryMetadata published =
                        store.publish(attempt, provenance.metadata(plan, step, seed, started, finished));
                if (!step.baseName().equals(step.name())) {
                    // Also under the name without sweep values, so that a step whose sweep label
                    // changed can still be compared with its previous run.
                    store.index()
                            .recordRun(new RunRecord(
                                    step.baseName(), step.key(), finished.toString(), published.durationMillis()));
                }
                provenance.recordSourceDocuments(plan, step);
                Duration took = Duration.between(started, finished);
                log.line("published in " + StepProgress.formatDuration(took));
                events.ran(step, took);
                return new StepOutcome(step, lease, StepState.RAN, null, log.file());
            } catch (Exception | LinkageError e) {
                if (ctx.cancelled()) {
                    String said = e.getMessage() == null ? "stopped" : e.getMessage();
                    log.line("cancelled: " + said);
                    store.abandon(attempt);
                    events.cancelled(step, said);
                    return new StepOutcome(step, lease, StepState.PENDING, null, log.file());
                }
                String message = e.getMessage() == null
                        ? e.getClass().getName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                log.error("FAILED: " + message, e);
                store.abandon(attempt);
                store.recordFailure(new FailureRecord(
                        step.key(),
                        step.name(),
                        message,
                        log.file().toString(),
                        Instant.now().toString()));
                events.failed(step, message, log.file());
                return new StepOutcome(step, lease, StepState.FAILED, message, log.file());
            } finally {
                live.remove(ctx);
                inputs.close();
            }
        } finally {
            events.finished(step);
            if (Files.exists(attempt.dir())) {
                store.abandon(attempt);
            }
        }
    }
}
