package org.babylab.runtime;

/** How bad a {@link Problem} is: errors stop the run before any step starts, warnings do not. */
public enum Severity { ERROR, WARNING }
