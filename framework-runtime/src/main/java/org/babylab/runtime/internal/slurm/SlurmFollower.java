package org.babylab.runtime.internal.slurm;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.plan.Plan;

/**
 * Follows a study's jobs until none is queued or running, printing each step's changes (queued,
 * running, done, failed, skipped because an input failed, with job id and log), and returns the
 * last status of every followed step. Leaving it (Ctrl-C) leaves the jobs to Slurm.
 */
public final class SlurmFollower {
    /** How many polls in a row Slurm may fail to answer before following gives up. */
    static final int MAX_REFUSALS = 10;

    private final StatusReader reader;
    private final PrintStream out;
    private final Duration poll;

    public SlurmFollower(StatusReader reader, PrintStream out, Duration poll) {
        this.reader = reader;
        this.out = out;
        this.poll = poll;
    }

    /** Follows {@code jobs} (steps of {@code plan}) until they all ended. */
    public List<StepStatus> follow(Plan plan, List<SlurmSubmitter.TrackedJob> jobs) throws InterruptedException {
        Map<String, JobLedger.Submission> latest = new LinkedHashMap<>();
        for (SlurmSubmitter.TrackedJob j : jobs) {
            latest.put(
                    j.step().key(),
                    new JobLedger.Submission(j.step().key(), j.step().name(), j.job(), j.log(), ""));
        }
        Plan followed = plan.upTo(latest.keySet());
        Map<String, StepStatus.State> shown = new HashMap<>();
        int refusals = 0;
        while (true) {
            List<StepStatus> now;
            try {
                now = reader.read(followed, latest).stream()
                        .filter(s -> latest.containsKey(s.step().key()))
                        .toList();
                refusals = 0;
            } catch (SlurmException e) {
                // slurmctld restarts or is busy now and then; give up only when it keeps refusing.
                if (++refusals > MAX_REFUSALS) {
                    throw e;
                }
                out.println("(Slurm did not answer, asking again: " + e.getMessage() + ")");
                Thread.sleep(poll.toMillis());
                continue;
            }
            for (StepStatus s : now) {
                if (shown.put(s.step().key(), s.state()) != s.state()) {
                    out.println(line(s));
                }
            }
            if (now.stream().noneMatch(s -> s.state().isActive())) {
                return now;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** One status as the follower and {@code babylab status} print it. */
    public static String line(StepStatus s) {
        String tag = switch (s.state()) {
            case DONE -> "[done]";
            case RUNNING -> "[running]";
            case QUEUED -> "[queued]";
            case FAILED -> "[FAIL]";
            case SKIPPED -> "[skip]";
            case NOT_SUBMITTED -> "[not submitted]";
        };
        StringBuilder sb = new StringBuilder(tag)
                .append(' ')
                .append(s.step().name())
                .append(" (")
                .append(s.step().shortKey())
                .append(')');
        if (s.job() != null) {
            sb.append(" job ").append(s.job());
        }
        if (!s.detail().isEmpty() && s.state() != StepStatus.State.DONE) {
            sb.append(": ").append(s.detail());
        }
        if (s.log() != null && (s.state() == StepStatus.State.FAILED || s.state() == StepStatus.State.RUNNING)) {
            sb.append("\n    log: ").append(s.log());
        }
        return sb.toString();
    }
}
