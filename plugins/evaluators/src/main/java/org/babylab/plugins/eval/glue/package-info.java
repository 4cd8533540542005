/** (Super)GLUE fine-tuning evaluation with the BabyLM 2025 pipeline's defaults. */
package org.babylab.plugins.eval.glue;
