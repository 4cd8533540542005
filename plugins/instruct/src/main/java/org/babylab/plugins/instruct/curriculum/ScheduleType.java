package org.babylab.plugins.instruct.curriculum;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The shapes of a {@code custom} curriculum's schedule. */
public enum ScheduleType {
    /** The share of {@code to} grows linearly from {@code start} to {@code end} over the schedule; the rest is {@code from}. */
    LINEAR("linear"),
    /** A fixed repeating pattern: {@code ratio: {a: 3, b: 1}} is a, a, a, b, a, a, a, b, ... */
    INTERLEAVE("interleave");

    private final String id;

    ScheduleType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ScheduleType of(String id) {
        for (ScheduleType t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("schedule type '" + id + "' is not one of "
                + Arrays.stream(values()).map(ScheduleType::id).toList());
    }
}
