package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.babylab.api.ComponentKind;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.PluginOrigin;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Source;
import org.babylab.runtime.internal.plan.Step;
import org.babylab.runtime.internal.store.Attempt;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.FailureRecord;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.RunRecord;
import org.babylab.runtime.internal.store.StepLock;
import org.babylab.runtime.internal.store.Store;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * Runs a {@link Plan}: reuses every step whose entry is complete, and computes the others as soon as
 * their inputs are done and their {@link ResourceRequest} fits the free devices, several at a time.
 *
 * <p>Each computation holds the key's store lock, so two launchers sharing a store never compute one
 * step twice (the second waits and then reuses). Output goes to a private attempt directory that is
 * published atomically, so a failure, a kill or Ctrl-C leaves nothing partial; running again resumes.
 * A failed step's dependents are skipped; independent steps carry on.
 *
 * <p>Shutdown: {@link #cancel()} (called by the JVM shutdown hook on SIGTERM or Ctrl-C) starts
 * nothing new, asks every running step to stop at its next safe point (training stages write their
 * checkpoint there), and the hook waits until every step has returned: the JVM never exits while a
 * step is inside native code (PyTorch), which would crash it.
 *
 * <p>One executor may run several plans, one after the other; {@link #run} is not re-entrant.
 */
public final class Executor {
    private static final String METRICS = "metrics.json";
    private static final String PREDICTIONS = "predictions.jsonl";

    private final ComponentCatalog catalog;
    private final Store store;
    private final DeviceInventory devices;
    private final ExecutorOptions options;
    private final ExecutionEvents events;
    private final InputLoader loader;
    private final Set<RuntimeStepContext> live = ConcurrentHashMap.newKeySet();
    /** Kept checkpoints ({@code pretrain@10M}) that a training step published during the current run. */
    private final Set<String> keptThisRun = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private volatile java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(0);

    public Executor(ComponentCatalog catalog, Store store, DeviceInventory devices, ExecutorOptions options) {
        this(catalog, store, devices, options, ExecutionEvents.NONE);
    }

    /** An executor that also reports every step's fate to {@code events} (the embedding API's listener). */
    public Executor(ComponentCatalog catalog, Store store, DeviceInventory devices, ExecutorOptions options, ExecutionEvents events) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
        this.loader = new InputLoader(catalog, store);
    }

    private enum State { PENDING, RUNNING, RAN, REUSED, FAILED, SKIPPED }

    /** What a worker reports back to the scheduling loop. */
    private record Outcome(Step step, DeviceLease lease, State state, String message, Path log) {}

    /**
     * Runs everything runnable in {@code plan} and blocks until it has finished.
     *
     * @return counts and failures; never throws for a failing step
     */
    public RunSummary run(Plan plan) {
        Instant start = Instant.now();
        cancelled = false;
        keptThisRun.clear();
        settled = new java.util.concurrent.CountDownLatch(1);
        try {
            reportKilledAttempts(plan, store.cleanStaleAttemptKeys());
        } catch (IOException e) {
            options.out().println("[warn] could not clean stale attempts in " + store.root() + ": " + e.getMessage());
        }
        Runnable stopListening = store.onDamage(d -> options.out().println("[damaged] "
                + (d.stepName() == null ? d.key().substring(0, 12) : d.stepName() + " (" + d.key().substring(0, 12) + ")")
                + ": its store entry failed verification and was moved aside; computing it again"));
        Map<String, State> states = new LinkedHashMap<>();
        plan.steps().forEach(s -> states.put(s.key(), State.PENDING));
        List<StepFailure> failures = new ArrayList<>();
        Map<String, String> skippedBecause = new HashMap<>();
        ResourcePool pool = new ResourcePool(devices);
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "babylab-step-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread hook = new Thread(this::cancelAndAwaitSafePoint, "babylab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int running = 0;
        try (ProgressBoard board = new ProgressBoard(options.out(), options.interactiveProgress(), options.progressEvery())) {
            while (true) {
                for (Step step : plan.steps()) {
                    if (cancelled) {
                        break;  // after cancellation nothing new starts; running steps are awaited below
                    }
                    if (states.get(step.key()) != State.PENDING) {
                        continue;
                    }
                    if (step.kept() != null) {
                        // Its stage's step computes it; it is settled as soon as its entry exists.
                        if (keptThisRun.contains(step.key())) {
                            states.put(step.key(), State.RAN);
                            board.line("[kept] " + step.name() + " (" + step.shortKey() + ")");
                            events.finished(step, Duration.ZERO);
                            continue;
                        }
                        if (store.isComplete(step.key())) {
                            states.put(step.key(), State.REUSED);
                            board.line("[cached] " + step.name() + " (" + step.shortKey() + ")");
                            events.reused(step);
                            continue;
                        }
                    }
                    Optional<Step> badParent = step.dependsOn().stream()
                            .filter(k -> states.get(k) == State.FAILED || states.get(k) == State.SKIPPED)
                            .map(k -> plan.step(k).orElseThrow()).findFirst();
                    if (badParent.isPresent()) {
                        String root = skippedBecause.getOrDefault(badParent.get().key(), badParent.get().name());
                        skippedBecause.put(step.key(), root);
                        states.put(step.key(), State.SKIPPED);
                        board.line("[skip] " + step.name() + ": upstream failed: " + root);
                        events.skipped(step, root);
                        continue;
                    }
                    boolean ready = step.dependsOn().stream().allMatch(k -> states.get(k) == State.RAN || states.get(k) == State.REUSED);
                    if (!ready) {
                        continue;
                    }
                    if (step.kept() != null) {
                        Step stage = plan.step(step.kept().stageKey()).orElseThrow();
                        String message = notReached(stage);
                        fail(states, failures, board, step, message, store.logFile(stage.key()));
                        try {
                            // Remembered, so the stored stage is not trained again for a checkpoint it never reaches.
                            store.recordFailure(new FailureRecord(step.key(), step.name(), message, store.logFile(stage.key()).toString(),
                                    Instant.now().toString()));
                        } catch (IOException e) {
                            board.line("[warn] could not record the failure of " + step.name() + ": " + e.getMessage());
                        }
                        continue;
                    }
                    if (isDone(plan, step)) {
                        states.put(step.key(), State.REUSED);
                        board.line("[cached] " + step.name() + " (" + step.shortKey() + ")");
                        events.reused(step);
                        continue;
                    }
                    ResourceRequest request;
                    try {
                        request = request(step);
                    } catch (RuntimeException e) {
                        fail(states, failures, board, step, "cannot compute its resource request: " + e.getMessage(), null);
                        continue;
                    }
                    Optional<String> never = pool.whyNeverFits(request);
                    if (never.isPresent()) {
                        fail(states, failures, board, step, never.get(), null);
                        continue;
                    }
                    Optional<DeviceLease> lease = pool.tryAcquire(request);
                    if (lease.isEmpty()) {
                        continue;
                    }
                    states.put(step.key(), State.RUNNING);
                    running++;
                    DeviceLease granted = lease.get();
                    workers.submit(() -> {
                        Outcome o;
                        try {
                            o = compute(plan, step, granted, () -> pool.threadsNow(granted), board);
                        } catch (Throwable t) {
                            // Even an Error must produce an outcome, or this loop would wait forever.
                            o = new Outcome(step, granted, State.FAILED, t.toString(), store.logFile(step.key()));
                            events.failed(step, t.toString(), store.logFile(step.key()));
                        }
                        outcomes.add(o);
                    });
                }
                if (running == 0) {
                    // Nothing in flight and the scan above started nothing: every step is settled.
                    break;
                }
                Outcome o = outcomes.take();
                running--;
                pool.release(o.lease());
                states.put(o.step().key(), o.state());
                if (o.state() == State.FAILED) {
                    failures.add(new StepFailure(o.step().name(), o.step().key(), o.message(), o.log()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAndWait();
        } finally {
            workers.shutdown();
            stopListening.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run.
            }
            settled.countDown();
        }
        int ran = count(states, State.RAN);
        int reused = count(states, State.REUSED);
        int failed = count(states, State.FAILED);
        int skipped = count(states, State.SKIPPED) + count(states, State.PENDING);
        if (cancelled) {
            options.out().println("[cancelled] " + count(states, State.PENDING) + " step(s) not finished; run again to continue");
        }
        return new RunSummary(ran, reused, failed, skipped, failures, Duration.between(start, Instant.now()), cancelled);
    }

    /**
     * Stops the run: nothing new starts, and every running step is asked to stop at its next safe
     * point. Returns at once; {@link #run} returns when the running steps have.
     */
    public void cancel() {
        cancelled = true;
        live.forEach(RuntimeStepContext::cancel);
    }

    /** Says which steps a killed launcher left half-done (an OOM kill or kill -9 leaves no other trace). */
    private void reportKilledAttempts(Plan plan, List<String> keys) {
        for (String key : new java.util.LinkedHashSet<>(keys)) {
            String name = plan.step(key).map(Step::name).orElse(key.substring(0, 12));
            options.out().println("[warn] the last attempt at " + name + " ended without finishing or failing: its process was killed"
                    + " (SIGKILL: most often the kernel's out-of-memory killer, see 'dmesg'; or kill -9, or a time limit)."
                    + " It is computed again; see docs/performance.md for peak memory by model size");
        }
    }

    private void fail(Map<String, State> states, List<StepFailure> failures, ProgressBoard board, Step step, String message, Path log) {
        states.put(step.key(), State.FAILED);
        failures.add(new StepFailure(step.name(), step.key(), message, log));
        board.line("[FAIL] " + step.name() + " (" + step.shortKey() + "): " + message);
        events.failed(step, message, log);
    }

    private static int count(Map<String, State> states, State s) {
        return (int) states.values().stream().filter(x -> x == s).count();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ResourceRequest request(Step step) {
        ComponentFactory f = Factories.of(catalog, step.decl(), ComponentFactory.class);
        ResourceRequest r = PluginCalls.withContextLoader(f, () -> f.resources(step.decl().config()));
        return r == null ? ResourceRequest.cpu(1) : r;
    }

    /** Marks every running step cancelled and gives them a moment to stop (an interrupted run loop). */
    private void cancelAndWait() {
        cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The shutdown hook (SIGTERM, Ctrl-C): cancels, then waits until {@link #run} has settled every
     * running step. Unbounded on purpose: the JVM exits when this returns, and exiting while a step
     * is inside native code crashes it (and loses the checkpoint the step is about to write). A
     * scheduler that will not wait sends SIGKILL, which leaves the previous checkpoint intact.
     */
    private void cancelAndAwaitSafePoint() {
        int running = live.size();
        cancel();
        if (running > 0) {
            options.out().println("[stopping] cancelled: waiting for " + running + " running step(s) to reach a safe point"
                    + " (training saves a checkpoint there); nothing new starts");
        }
        try {
            settled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        options.out().flush();
    }

    /**
     * Runs one step on a worker thread; never throws. {@code threadsNow} is the lease's live CPU
     * share ({@link ResourcePool#threadsNow}), which the step reads through its context.
     */
    @SuppressWarnings("try")  // the lock is held for the body's duration, never referenced
    private Outcome compute(Plan plan, Step step, DeviceLease lease, java.util.function.IntSupplier threadsNow, ProgressBoard board) {
        Path logFile = store.logFile(step.key());
        if (cancelled) {
            return new Outcome(step, lease, State.PENDING, null, logFile);
        }
        try (StepLock lock = store.lock(step.key())) {
            if (isDone(plan, step)) {
                // Another launcher computed it while we waited for the lock.
                board.line("[cached] " + step.name() + " (" + step.shortKey() + ") computed by another run");
                events.reused(step);
                return new Outcome(step, lease, State.REUSED, null, logFile);
            }
            return attempt(plan, step, lease, threadsNow, board);
        } catch (IOException | RuntimeException e) {
            String message = "store error: " + e.getMessage();
            board.line("[FAIL] " + step.name() + " (" + step.shortKey() + "): " + message);
            events.failed(step, message, logFile);
            return new Outcome(step, lease, State.FAILED, message, logFile);
        }
    }

    /**
     * True when {@code step}'s entry is complete and, for a training step that keeps checkpoints, so
     * is every kept checkpoint's: a checkpoint added to {@code keep} later trains the stage again.
     */
    private boolean isDone(Plan plan, Step step) {
        return store.isComplete(step.key()) && plan.steps().stream()
                .filter(s -> s.kept() != null && s.kept().stageKey().equals(step.key()))
                .allMatch(s -> store.isComplete(s.key())
                        || store.failure(s.key()).map(f -> f.message().equals(notReached(step))).orElse(false));
    }

    /** Why a kept checkpoint is missing after its stage finished; names the stage's key, which fixes how far it trains. */
    private static String notReached(Step stage) {
        return stage.name() + " (" + stage.shortKey() + ") finished without reaching this checkpoint: its training ends earlier"
                + " (check epochs, max_steps and the checkpoint's position; the stage's log says where it ended)";
    }

    private Outcome attempt(Plan plan, Step step, DeviceLease lease, java.util.function.IntSupplier threadsNow, ProgressBoard board)
            throws IOException {
        Attempt attempt = store.begin(step.key());
        Path checkpoints = store.checkpointDir(step.key());
        Files.createDirectories(checkpoints);
        Instant started = Instant.now();
        StepProgress console = board.started(step.key(), step.name(),
                "[start] " + step.name() + " (" + step.shortKey() + ") on " + describe(lease));
        events.started(step);
        org.babylab.api.step.ProgressReporter progress = events.progress(step, console);
        long seed = step.keyDocument().seed() == null ? 0 : step.keyDocument().seed();
        try (StepLog log = new StepLog(store.logFile(step.key()), options.verbose() ? board::line : null, step.name());
             JsonlPredictionSink predictions = new JsonlPredictionSink(attempt.outputDir().resolve(PREDICTIONS))) {
            log.line("start " + step.name() + " key " + step.key() + " on " + describe(lease));
            org.babylab.api.step.LoadContext loadContext = new org.babylab.api.step.LoadContext() {
                @Override public DeviceLease device() { return lease; }
                @Override public int cpuThreadsNow() { return threadsNow.getAsInt(); }
            };
            StepInputs inputs = new StepInputs(plan, step, loader, loadContext, log);
            RuntimeStepContext ctx = new RuntimeStepContext(step.name(), step.key(), plan.definition().baseDir(), seed,
                    attempt.outputDir(), checkpoints, log, inputs, progress, predictions, lease, threadsNow,
                    step.phase() == null ? null : step.phase().context(),
                    new KeptCheckpoints(plan, step, store, (s, finished) -> metadata(plan, s, seed, started, finished),
                            s -> keptThisRun.add(s.key())));
            live.add(ctx);
            if (cancelled) {
                ctx.cancel();  // cancel() ran between this step's start and its registration
            }
            try {
                // The whole step (create, then evaluate/train/save on what it made) runs under the plugin's loader.
                PluginCalls.run(Factories.of(catalog, step.decl(), ComponentFactory.class), () -> produce(step, ctx, inputs, predictions));
                predictions.finish();
                if (ctx.cancelled()) {
                    throw new InterruptedException("cancelled (interrupt); nothing was published");
                }
                Instant finished = Instant.now();
                if (store.isComplete(step.key())) {
                    // Trained again only for kept checkpoints that were missing; the output is stored already.
                    store.abandon(attempt);
                    // Publishing would have removed them: a later retraining must start from step 0, not skip kept checkpoints.
                    AtomicFiles.deleteTree(store.checkpointDir(step.key()));
                    log.line("output already stored; trained again only to keep its missing checkpoints");
                    board.line("[run] " + step.name() + " (" + step.shortKey() + ") for its kept checkpoints");
                    events.finished(step, Duration.between(started, finished));
                    return new Outcome(step, lease, State.RAN, null, log.file());
                }
                EntryMetadata published = store.publish(attempt, metadata(plan, step, seed, started, finished));
                if (!step.baseName().equals(step.name())) {
                    // Also under the name without sweep values, so that a step whose sweep label
                    // changed can still be compared with its previous run.
                    store.index().recordRun(new RunRecord(step.baseName(), step.key(), finished.toString(), published.durationMillis()));
                }
                recordSourceDocuments(plan, step);
                Duration took = Duration.between(started, finished);
                log.line("published in " + StepProgress.formatDuration(took));
                board.line("[run] " + step.name() + " (" + step.shortKey() + ") " + StepProgress.formatDuration(took));
                events.finished(step, took);
                return new Outcome(step, lease, State.RAN, null, log.file());
            } catch (Exception | LinkageError e) {
                if (ctx.cancelled()) {
                    String said = e.getMessage() == null ? "stopped" : e.getMessage();
                    log.line("cancelled: " + said);
                    store.abandon(attempt);
                    board.line("[cancelled] " + step.name() + " (" + step.shortKey() + "): " + said);
                    events.cancelled(step);
                    return new Outcome(step, lease, State.PENDING, null, log.file());
                }
                String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
                log.error("FAILED: " + message, e);
                store.abandon(attempt);
                store.recordFailure(new FailureRecord(step.key(), step.name(), message, log.file().toString(), Instant.now().toString()));
                board.line("[FAIL] " + step.name() + " (" + step.shortKey() + "): " + message + "; see " + log.file());
                events.failed(step, message, log.file());
                return new Outcome(step, lease, State.FAILED, message, log.file());
            } finally {
                live.remove(ctx);
                inputs.close();
            }
        } finally {
            board.finished(step.key());
            if (Files.exists(attempt.dir())) {
                store.abandon(attempt);
            }
        }
    }

    /** The kind-specific part: create the component, save it into the output directory. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void produce(Step step, RuntimeStepContext ctx, StepInputs inputs, JsonlPredictionSink predictions) throws Exception {
        Record config = step.decl().config();
        Path out = ctx.outputDir();
        switch (step.kind()) {
            case TOKENIZER -> {
                TokenizerFactory f = Factories.of(catalog, step.decl(), TokenizerFactory.class);
                Tokenizer t = f.create(config, ctx);
                t.save(out);
            }
            case MODEL -> {
                ModelFactory f = Factories.of(catalog, step.decl(), ModelFactory.class);
                saveAndClose(f.create(config, ctx), out, inputs);
            }
            case STAGE -> {
                TrainingStageFactory f = Factories.of(catalog, step.decl(), TrainingStageFactory.class);
                saveAndClose(f.create(config, ctx), out, inputs);
                if (step.phase() != null) {
                    PhaseManifestFiles.write(step.phase(), out);
                }
            }
            case EVALUATOR -> {
                EvaluatorFactory f = Factories.of(catalog, step.decl(), EvaluatorFactory.class);
                LanguageModel model = inputs.model(step.evaluates());
                EvaluationResult result = f.create(config, ctx).evaluate(model, ctx);
                if (result == null) {
                    throw new IllegalStateException("evaluator '" + step.decl().name() + "' returned no result");
                }
                if (!Double.isFinite(result.primary())) {
                    // A NaN accuracy cached as a success would sit in every later results table.
                    throw new IllegalStateException("evaluator '" + step.decl().name() + "' (type " + step.type() + ") returned primary metric "
                            + result.primaryMetric() + " = " + result.primary() + ", which is not a finite number; nothing was cached."
                            + " An evaluator with no scorable items should throw, naming why");
                }
                predictions.touch();
                AtomicFiles.writeJson(out.resolve(METRICS), result);
            }
            default -> throw new IllegalStateException(step.kind() + " is not a step kind");
        }
    }

    private static void saveAndClose(LanguageModel model, Path out, StepInputs inputs) throws Exception {
        if (model == null) {
            throw new IllegalStateException("the factory returned no model");
        }
        try {
            model.save(out);
        } finally {
            // A stage may return its (mutated) input model; StepInputs closes that one itself.
            if (!inputs.owns(model)) {
                model.close();
            }
        }
    }

    private EntryMetadata metadata(Plan plan, Step step, long seed, Instant started, Instant finished) {
        ComponentFactory<?> factory = Factories.of(catalog, step.decl(), ComponentFactory.class);
        PluginOrigin o = catalog.origin(factory);
        ComponentDecl fam = step.family();
        Map<String, KeyDocument> sources = new java.util.TreeMap<>();
        Map<String, String> dataFiles = new java.util.TreeMap<>(step.keyDocument().files());
        List<String> todo = new ArrayList<>(step.inputs().values());
        while (!todo.isEmpty()) {
            Source s = plan.sources().get(todo.remove(todo.size() - 1));
            if (s != null && sources.putIfAbsent(s.fingerprint(), s.document()) == null) {
                dataFiles.putAll(s.document().files());
                todo.addAll(s.inputs().values());
            }
        }
        return new EntryMetadata(step.key(), step.keyDocument(), step.name(), step.kind().singular(), step.type(),
                new EntryMetadata.PluginInfo(o.pluginName(), o.pluginVersion(), o.apiVersion(), o.location(), o.codeDigest()),
                step.decl().canonicalConfig(), step.inputs(), dataFiles, sources, seed,
                EntryMetadata.Environment.current(), started.toString(), finished.toString(),
                Duration.between(started, finished).toMillis(),
                new EntryMetadata.ExperimentInfo(plan.definition().name(), plan.definition().file().toString(), step.trials()),
                fam == null || step.kind() == ComponentKind.EVALUATOR ? null
                        : new EntryMetadata.ModelFamilyInfo(fam.name(), fam.type(), fam.canonicalConfig()),
                null);
    }

    /** Indexes the documents of the sources a step read, so a later key change can be traced into them. */
    private void recordSourceDocuments(Plan plan, Step step) throws IOException {
        List<String> todo = new ArrayList<>(step.inputs().values());
        while (!todo.isEmpty()) {
            Source s = plan.sources().get(todo.remove(todo.size() - 1));
            if (s != null) {
                store.index().recordDocument(s.fingerprint(), s.document());
                todo.addAll(s.inputs().values());
            }
        }
    }

    private static String describe(DeviceLease lease) {
        return lease.gpus().isEmpty() ? "cpu x" + lease.cpuThreads()
                : lease.gpus() + " + cpu x" + lease.cpuThreads();
    }

    /** Reads the metrics an evaluation step published. */
    public static Optional<EvaluationResult> metrics(Store store, String key) throws IOException {
        Path f = store.outputDir(key).resolve(METRICS);
        return store.isComplete(key) && Files.isRegularFile(f) ? Optional.of(Json.read(f, EvaluationResult.class)) : Optional.empty();
    }
}
