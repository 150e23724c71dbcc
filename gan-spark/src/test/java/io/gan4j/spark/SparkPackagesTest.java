package io.gan4j.spark;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * gan-spark's packages point one way: the engine ({@code io.gan4j.spark}: tasks, scheduling, progress, the
 * {@link RunStorage} interface) at the bottom, the Hadoop store ({@code store}, a RunStorage) above it, and
 * {@code cli} (the ServiceLoader entry that picks a storage from {@code --store}) on top.
 */
class SparkPackagesTest {
    private static final JavaClasses SPARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gan4j.spark");

    @Test
    void layersPointDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("engine").definedBy("io.gan4j.spark")
                .layer("store").definedBy("io.gan4j.spark.store..")
                .layer("cli").definedBy("io.gan4j.spark.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("store").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("store", "cli")
                .check(SPARK);
    }
}
