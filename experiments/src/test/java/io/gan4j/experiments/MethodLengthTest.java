package io.gan4j.experiments;

import io.gan4j.core.testing.MethodLengths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The command line's methods follow gan-core's rule: none over {@link MethodLengths#LIMIT} lines unless a comment
 * starting {@code // Long on purpose:} above it says why (issue 23).
 */
class MethodLengthTest {

    @Test
    void noLongMethodsWithoutAReason() throws IOException {
        MethodLengths.assertNoLongMethods(Path.of("src/main/java"), "experiments", 150);
    }
}
