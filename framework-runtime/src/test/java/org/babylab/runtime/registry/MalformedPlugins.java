package org.babylab.runtime.registry;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.config.NoConfig;
import org.babylab.api.config.Ref;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.step.ComponentContext;

/** Plugins that break one load-time rule each, for the registry's checks. */
final class MalformedPlugins {
    private MalformedPlugins() {}

    /** A one-phase curriculum over the datasets it is given; real enough to be registered. */
    static class SinglePhaseFactory<C extends Record> implements CurriculumFactory<C> {
        private final String type;
        private final Class<C> config;

        SinglePhaseFactory(String type, Class<C> config) {
            this.type = type;
            this.config = config;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Class<C> configType() {
            return config;
        }

        @Override
        public Curriculum create(C c, ComponentContext context) {
            return new Curriculum() {
                @Override
                public List<CurriculumPhase> phases() {
                    return List.of(new CurriculumPhase("all", List.of("train"), null, null));
                }

                @Override
                public OrderManifest order(int phase, java.util.Map<String, Integer> sizes, long seed) {
                    return new OrderManifest(List.of("train"), new int[] {0}, new int[] {0}, new int[] {1});
                }
            };
        }
    }

    /** Wraps one factory in a plugin. */
    static Plugin pluginOf(String name, CurriculumFactory<?> factory) {
        return new Plugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String apiVersion() {
                return BabyLabApi.VERSION;
            }

            @Override
            public List<CurriculumFactory<?>> curricula() {
                return List.of(factory);
            }
        };
    }

    static Plugin withTypeId(String name, String type) {
        return pluginOf(name, new SinglePhaseFactory<>(type, NoConfig.class));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Plugin withNonRecordConfig() {
        return pluginOf("non-record", new SinglePhaseFactory("plain-class", StringBuilder.class));
    }

    /** {@code @Ref} on an Integer: a name cannot be a number. */
    record RefOnInteger(@Ref(ComponentKind.DATASET) Integer data) {}

    static Plugin withRefOnInteger() {
        return pluginOf("bad-ref", new SinglePhaseFactory<>("bad-ref", RefOnInteger.class));
    }

    /** A component called {@code type}: YAML could never set it. */
    record TypeComponent(String type) {}

    static Plugin withTypeComponent() {
        return pluginOf("type-key", new SinglePhaseFactory<>("type-key", TypeComponent.class));
    }

    /** A {@code presetValues()} that throws: neither the schema nor the binder could describe the config. */
    record FailingPresets(String preset) {
        public static List<String> presetValues() {
            throw new IllegalStateException("preset table missing");
        }
    }

    static Plugin withFailingPresetValues() {
        return pluginOf("failing-presets", new SinglePhaseFactory<>("failing-presets", FailingPresets.class));
    }

    static Plugin withApiVersion(String name, String apiVersion) {
        return new Plugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String apiVersion() {
                return apiVersion;
            }

            @Override
            public List<CurriculumFactory<?>> curricula() {
                return List.of(new SinglePhaseFactory<>(name, NoConfig.class));
            }
        };
    }
}
