package io.gan4j.core;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.ConditionalGanModel;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.TranslationModel;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Core asks, the model and the data answer: the packages that train, evaluate and run ({@code config}, {@code train},
 * {@code eval}, {@code run}) never test a model's or a data source's type, so a new variant or data source changes
 * what they do through its declarations ({@link GanModel#evaluationKind()}, {@link GanModel#translator()},
 * {@code DataConfig.modes()}...) and not by being named in core. Checked on the compiled classes' {@code instanceof}
 * instructions (pattern matching included) and, since a cast is not an instanceof, on their dependencies on the
 * model interfaces that a declaration replaces.
 */
class NoTypeTestsOnVariantsTest {
    private static final String[] CORE_PACKAGES = {"io.gan4j.core.config..", "io.gan4j.core.train..",
            "io.gan4j.core.eval..", "io.gan4j.core.run.."};
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gan4j.core");

    @Test
    void noInstanceofOnModelOrDataTypes() {
        classes().that().resideInAnyPackage(CORE_PACKAGES)
                .should(testNoTypeOfAModelOrADataSource())
                .check(CORE);
    }

    @Test
    void noUseOfTheModelInterfacesThatDeclarationsReplace() {
        noClasses().that().resideInAnyPackage(CORE_PACKAGES)
                .should().dependOnClassesThat().belongToAnyOf(TranslationModel.class,
                        BidirectionalTranslationModel.class, ConditionalGanModel.class, LatentGenerator.class)
                .because("core asks GanModel's declarations (evaluationKind, translator, numClasses, sampleGrid)")
                .check(CORE);
    }

    /** Whether {@code type} is a model type or one of {@code io.gan4j.core.data}'s sources and data types. */
    static boolean isModelOrDataType(JavaClass type) {
        return type.isAssignableTo(GanModel.class) || type.isEquivalentTo(LatentGenerator.class)
                || type.getPackageName().equals("io.gan4j.core.data");
    }

    private static ArchCondition<JavaClass> testNoTypeOfAModelOrADataSource() {
        return new ArchCondition<>("test no model or data type with instanceof") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (InstanceofCheck check : javaClass.getInstanceofChecks()) {
                    if (isModelOrDataType(check.getRawType())) {
                        events.add(SimpleConditionEvent.violated(check, check.getOwner().getFullName()
                                + " tests instanceof " + check.getRawType().getName() + " "
                                + check.getSourceCodeLocation()));
                    }
                }
            }
        };
    }
}
