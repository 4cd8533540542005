package org.babylab.api.config;

/** The config type of a component that takes no keys besides {@code type}. */
public record NoConfig() {}
