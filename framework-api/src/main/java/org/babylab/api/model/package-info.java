/** Models and tokenizers as the runtime and evaluators see them: per-token log-probabilities over token ids. */
package org.babylab.api.model;
