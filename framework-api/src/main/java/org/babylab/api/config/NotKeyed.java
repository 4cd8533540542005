package org.babylab.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level component of a config record that does not change what the step computes, so
 * the runtime leaves it out of the step's cache key: how often a stage writes its crash-resume
 * checkpoint, or which intermediate checkpoints it keeps (each kept checkpoint is its own step with
 * its own key). Changing such a value reuses the stored output instead of computing it again.
 *
 * <p>The value is still bound, validated and recorded in provenance. Mark only settings whose every
 * value gives the same output: a wrongly marked setting makes the runtime serve an output computed
 * with another value. Added in API 0.5.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface NotKeyed {}
