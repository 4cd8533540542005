/**
 * Annotations that describe config records to the runtime: which keys are references to other
 * components, which are required, and what each means. Config records are plain Java records bound
 * from YAML with snake_case keys ({@code vocab_size} binds {@code vocabSize}); unknown keys are an
 * error; a record's compact constructor validates values and fills defaults, and an
 * {@link IllegalArgumentException} it throws is reported at the key's YAML location.
 */
package org.babylab.api.config;
