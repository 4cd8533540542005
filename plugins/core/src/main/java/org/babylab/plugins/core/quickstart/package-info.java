/**
 * The generator of the quickstart data shipped with BabyLab: a child-directed speech grammar, the
 * corpus it produces, BLiMP-format minimal pairs it makes learnable, and instruction pairs.
 */
package org.babylab.plugins.core.quickstart;
