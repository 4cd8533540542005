package org.example.lexdec;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.EvaluatorFactory;

/** The plugin: what BabyLab finds through META-INF/services/org.babylab.api.Plugin. */
public final class LexicalDecisionPlugin implements Plugin {
    @Override public String name() { return "lexical-decision"; }
    @Override public String apiVersion() { return BabyLabApi.VERSION; }  // inlined: the API this jar was compiled against
    @Override public String version() { return "1.0.0"; }
    @Override public List<EvaluatorFactory<?>> evaluators() { return List.of(new LexicalDecisionFactory()); }
}
