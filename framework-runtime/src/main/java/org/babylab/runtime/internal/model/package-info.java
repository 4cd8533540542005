/**
 * The checked, resolved experiment: what the DSL hands to the planner. Values only, no behaviour.
 */
package org.babylab.runtime.internal.model;
