package org.babylab.runtime.internal.slurm;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Json;

/**
 * The jobs submitted for one experiment, kept as {@code jobs.json} in its Slurm folder (on the shared
 * file system, beside the store): every submission ever made, oldest first, so that {@code status},
 * {@code cancel} and the next submission map Slurm jobs back to steps. Writers hold
 * {@link #locked} (an OS file lock, plus a lock for threads of this JVM), so two submissions at once
 * see each other's jobs instead of queueing a second set beside the first.
 */
public final class JobLedger {
    static final String FILE = "jobs.json";
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final TypeReference<List<Submission>> LIST = new TypeReference<>() {};

    private final Path dir;

    public JobLedger(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The Slurm folder this ledger lives in. */
    public Path dir() {
        return dir;
    }

    /**
     * One submitted job.
     *
     * @param key the step key
     * @param step the step's name
     * @param job the Slurm job id
     * @param log the job's Slurm log (its {@code %j} filled in)
     * @param submittedAt ISO-8601 instant
     */
    public record Submission(String key, String step, String job, String log, String submittedAt) {
        public Submission {
            if (key == null || step == null || job == null || log == null) {
                throw new IllegalArgumentException("key, step, job and log are required in " + FILE);
            }
        }
    }

    /** Work done while holding the ledger's lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the ledger's lock, against other threads and other processes. */
    public <T> T locked(LockedWork<T> work) throws IOException {
        Files.createDirectories(dir);
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(
                        dir.resolve(".jobs.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            return work.run();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Every submission, oldest first; empty when nothing was submitted from this folder. */
    public List<Submission> read() throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), LIST);
        } catch (IOException e) {
            throw new IOException(
                    file + " cannot be read (" + e.getMessage() + "); move it aside to start a fresh ledger", e);
        }
    }

    /** The newest submission of each step key. */
    public Map<String, Submission> latest() throws IOException {
        Map<String, Submission> latest = new LinkedHashMap<>();
        for (Submission s : read()) {
            latest.put(s.key(), s);
        }
        return latest;
    }

    /** Adds {@code more} (hold {@link #locked}). */
    public void append(List<Submission> more) throws IOException {
        if (more.isEmpty()) {
            return;
        }
        List<Submission> all = new ArrayList<>(read());
        all.addAll(more);
        AtomicFiles.write(
                dir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }
}
