package io.gan4j.serve;

import io.gan4j.core.testing.MethodLengths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

/** gan-serve's methods stay within the project's length limit (see io.gan4j.core.testing.MethodLengths). */
class MethodLengthTest {
    @Test
    void noMethodIsLongerThanTheLimit() throws IOException {
        MethodLengths.assertNoLongMethods(Path.of("src/main/java"), "gan-serve", 30);
    }
}
