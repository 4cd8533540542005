package org.babylab.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the embedding API promises, checked on the compiled classes: the {@code babylab}
 * command is a client of the embedding API like any other program (it imports nothing from
 * {@code org.babylab.runtime.internal}), and what is public outside the internal packages never
 * shows an internal type in a signature, so an embedder never needs one.
 */
class ArchitectureTest {
    private static final String INTERNAL = "org.babylab.runtime.internal..";
    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.babylab.runtime");
    }

    /** The CLI may use the embedding API, framework-api, picocli, Jackson and the JDK, never the runtime's internals. */
    static final ArchRule CLI_USES_ONLY_THE_EMBEDDING_API = noClasses()
            .that()
            .resideInAPackage("org.babylab.runtime.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(INTERNAL)
            .because(
                    "the babylab command runs through the embedding API only (org.babylab.runtime), as any embedder must");

    /** Public types outside internal packages expose only public types (and the JDK's, the API's) in their public signatures. */
    static final ArchRule PUBLIC_API_EXPOSES_NO_INTERNAL_TYPE = classes()
            .that(arePublicApi())
            .should(exposeNoTypeFrom(INTERNAL))
            .because("an embedder must be able to use every public member without naming an internal type");

    @Test
    void theCliImportsNothingInternal() {
        CLI_USES_ONLY_THE_EMBEDDING_API.check(runtime);
    }

    @Test
    void publicSignaturesOutsideInternalPackagesNameNoInternalType() {
        PUBLIC_API_EXPOSES_NO_INTERNAL_TYPE.check(runtime);
    }

    @Test
    void theRulesFindTheImportsAndSignaturesTheyForbid() {
        // The rules themselves can fail: on classes that break them they report exactly those.
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class, LeakyApi.Wrapper.class);
        EvaluationResult result =
                exposeRuleFor("org.babylab.runtime.internal..").evaluate(leaky);
        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("plan()"), report);
        assertTrue(report.contains("steps()"), report);
        assertTrue(report.contains("field"), report);
        assertFalse(report.contains("name()"), report);
        assertTrue(noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage(INTERNAL)
                .evaluate(leaky)
                .hasViolation());
    }

    private static ArchRule exposeRuleFor(String pkg) {
        return classes().that(arePublicApi()).should(exposeNoTypeFrom(pkg));
    }

    /** Public classes, nested only in public classes, outside internal packages. */
    private static DescribedPredicate<JavaClass> arePublicApi() {
        return new DescribedPredicate<>(
                "are public API (public, not nested in a non-public class, outside internal packages)") {
            @Override
            public boolean test(JavaClass c) {
                if (c.getPackageName().contains(".internal")) {
                    return false;
                }
                for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                    if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /** Supertypes and public or protected fields, methods and constructors name no type of {@code pkg}, generics included. */
    private static ArchCondition<JavaClass> exposeNoTypeFrom(String pkg) {
        return new ArchCondition<>("expose no type from " + pkg + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                List<JavaType> supertypes = new ArrayList<>();
                c.getSuperclass().ifPresent(supertypes::add);
                supertypes.addAll(c.getInterfaces());
                for (JavaType t : supertypes) {
                    internal(t, pkg).forEach(n -> leaks.add("extends or implements " + n));
                }
                for (JavaMember m : c.getMembers()) {
                    Set<JavaModifier> mods = m.getModifiers();
                    if (!mods.contains(JavaModifier.PUBLIC) && !mods.contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    if (m instanceof JavaField f) {
                        internal(f.getType(), pkg).forEach(n -> leaks.add("field " + f.getName() + " is of " + n));
                    } else if (m instanceof JavaCodeUnit u && !u.getName().startsWith("lambda$")) {
                        String sig = u.getName() + "()";
                        internal(u.getReturnType(), pkg).forEach(n -> leaks.add(sig + " returns " + n));
                        for (JavaType p : u.getParameterTypes()) {
                            internal(p, pkg).forEach(n -> leaks.add(sig + " takes " + n));
                        }
                    }
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + leak));
                }
            }
        };
    }

    private static Set<String> internal(JavaType type, String pkg) {
        String prefix = pkg.substring(0, pkg.length() - 2);
        Set<String> out = new LinkedHashSet<>();
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().equals(prefix) || raw.getPackageName().startsWith(prefix + ".")) {
                out.add(raw.getName());
            }
        }
        return out;
    }
}
