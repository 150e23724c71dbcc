package io.gan4j.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * gan-core's packages point one way, as {@code ../shared/ARCHITECTURE.md} lays them out: the utilities ({@code io},
 * {@code backend}) and {@code api} (the contracts) at the bottom, then the building blocks, {@code config},
 * {@code train}, the packages that act on a training ({@code checkpoint}, {@code eval}) and {@code run} at the top.
 * Checked on the compiled main classes, so a dependency that would close a cycle or point upward fails here, naming
 * the classes on each edge. A new package fails too until it is given its place in {@link #layersPointDownward}.
 */
class PackageCyclesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gan4j.core");

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.gan4j.core.(*)..").namingSlices("$1")
                .as("gan-core's packages").should().beFreeOfCycles()
                .check(CORE);
    }

    /**
     * Each layer may use only the layers below it (and its own packages). Within a layer the cycle rule above keeps
     * the direction one way: {@code nn} uses {@code loss}, {@code image} and {@code metrics} use {@code data},
     * {@code eval} uses {@code checkpoint}; {@code tensorboard} (event files mirroring a run's
     * logs) uses neither. {@code model} (the variants' shared base classes) stands beside the
     * outputs, on the building blocks, and no core package uses it: core reaches models through {@code api} only.
     */
    @Test
    void layersPointDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("utilities").definedBy("io.gan4j.core.io..", "io.gan4j.core.backend..")
                .layer("api").definedBy("io.gan4j.core.api..")
                .layer("building blocks").definedBy("io.gan4j.core.nn..", "io.gan4j.core.loss..",
                        "io.gan4j.core.data..")
                .layer("outputs").definedBy("io.gan4j.core.image..", "io.gan4j.core.metrics..")
                .layer("models").definedBy("io.gan4j.core.model..")
                .layer("config").definedBy("io.gan4j.core.config..")
                .layer("train").definedBy("io.gan4j.core.train..")
                .layer("results").definedBy("io.gan4j.core.checkpoint..", "io.gan4j.core.eval..",
                        "io.gan4j.core.tensorboard..")
                .layer("run").definedBy("io.gan4j.core.run..")

                .whereLayer("utilities").mayNotAccessAnyLayer()
                .whereLayer("api").mayOnlyAccessLayers("utilities")
                .whereLayer("building blocks").mayOnlyAccessLayers("api", "utilities")
                .whereLayer("outputs").mayOnlyAccessLayers("building blocks", "api", "utilities")
                .whereLayer("models").mayOnlyAccessLayers("building blocks", "api", "utilities")
                .whereLayer("models").mayNotBeAccessedByAnyLayer()
                .whereLayer("config").mayOnlyAccessLayers("outputs", "building blocks", "api", "utilities")
                .whereLayer("train").mayOnlyAccessLayers("config", "outputs", "building blocks", "api", "utilities")
                .whereLayer("results").mayOnlyAccessLayers("train", "config", "outputs", "building blocks", "api",
                        "utilities")
                .whereLayer("run").mayOnlyAccessLayers("results", "train", "config", "outputs", "building blocks",
                        "api", "utilities")
                .check(CORE);
    }
}
