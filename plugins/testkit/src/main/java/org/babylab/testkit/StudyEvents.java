package org.babylab.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.babylab.api.ComponentKind;

/**
 * The events a {@link TestStudy} run recorded through the embedding API's listener, in the order
 * they happened, filtered like JUnit's {@code EngineTestKit}:
 * {@code result.events().started().count()}, {@code events().reused().stepNames()},
 * {@code events().failed().step("eval:lexdec on tiny")}. Immutable; each filter returns a new view.
 *
 * <p>Added in API 0.6.
 */
public final class StudyEvents {
    /** What happened. */
    public enum Type {
        /** The step is in the plan the run starts with (one per planned step, before any other event). */
        PLANNED,
        /** The step's output was in the store: it was not computed. */
        REUSED,
        /** The step started computing. */
        STARTED,
        /** The running step reported progress; {@link Event#detail()} is {@code phase done/total unit status}. */
        PROGRESS,
        /** The step was computed and stored. */
        FINISHED,
        /** The step failed; {@link Event#detail()} is its message. */
        FAILED,
        /** The step was not attempted because a step it needs failed; {@link Event#detail()} names that step. */
        SKIPPED,
        /** The step stopped because the run was cancelled. */
        CANCELLED
    }

    /**
     * One event.
     *
     * @param type what happened
     * @param step the step's name, as {@code babylab plan} prints it
     * @param kind the step's component kind
     * @param detail the failure message, the failed upstream step, the progress; else empty
     */
    public record Event(Type type, String step, ComponentKind kind, String detail) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(kind, "kind");
            detail = detail == null ? "" : detail;
        }
    }

    private final List<Event> events;

    StudyEvents(List<Event> events) {
        this.events = List.copyOf(events);
    }

    /** Every event in this view, in order. */
    public List<Event> list() {
        return events;
    }

    /** How many events this view holds. */
    public long count() {
        return events.size();
    }

    /** The events of this view that match {@code filter}. */
    public StudyEvents filter(Predicate<Event> filter) {
        return new StudyEvents(events.stream().filter(filter).toList());
    }

    /** The events of {@code type}. */
    public StudyEvents ofType(Type type) {
        return filter(e -> e.type() == type);
    }

    public StudyEvents planned() {
        return ofType(Type.PLANNED);
    }

    public StudyEvents reused() {
        return ofType(Type.REUSED);
    }

    public StudyEvents started() {
        return ofType(Type.STARTED);
    }

    public StudyEvents progress() {
        return ofType(Type.PROGRESS);
    }

    public StudyEvents finished() {
        return ofType(Type.FINISHED);
    }

    public StudyEvents failed() {
        return ofType(Type.FAILED);
    }

    public StudyEvents skipped() {
        return ofType(Type.SKIPPED);
    }

    public StudyEvents cancelled() {
        return ofType(Type.CANCELLED);
    }

    /** The events of the step named {@code name} (exactly, as {@code babylab plan} prints it). */
    public StudyEvents step(String name) {
        return filter(e -> e.step().equals(name));
    }

    /** The events of steps of component kind {@code kind}. */
    public StudyEvents kind(ComponentKind kind) {
        return filter(e -> e.kind() == kind);
    }

    /** The step names of this view's events, in order, each once. */
    public List<String> stepNames() {
        return events.stream().map(Event::step).distinct().toList();
    }

    /** One line per event, for assertion messages. */
    @Override
    public String toString() {
        return events.stream()
                .map(e -> e.type() + " " + e.step() + (e.detail().isEmpty() ? "" : ": " + e.detail()))
                .collect(Collectors.joining("\n"));
    }
}
