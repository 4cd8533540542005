/** The {@code merged}, {@code sequential} and {@code custom} curricula and the deterministic orders they produce. */
package org.babylab.plugins.instruct.curriculum;
