package io.gan4j.core;

import io.gan4j.core.testing.MethodLengths;
import io.gan4j.core.testing.MethodLengths.Method;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No method or constructor in gan-core's main sources runs over {@link MethodLengths#LIMIT} lines unless a comment
 * starting {@code // Long on purpose:} above it says why (issue 23); the scanner is {@link MethodLengths}, which other
 * modules' tests share through the test-jar.
 */
class MethodLengthTest {

    @Test
    void noLongMethodsWithoutAReason() throws IOException {
        MethodLengths.assertNoLongMethods(Path.of("src/main/java"), "gan-core", 500);
    }

    @Test
    void scannerMeasuresMethodsNotBracesInLiteralsOrTypeBodies() {
        String source = String.join("\n",
                "class A {",                                  // 1
                "    // Long on purpose: a test",              // 2
                "    @Override public String toString() {",    // 3
                "        String s = \"{ {\" + '{' + \"\"\"",   // 4
                "            } { \"\"\"; // {",                // 5
                "        /* { */ return s;",                   // 6
                "    }",                                       // 7
                "    A(int x) {",                              // 8
                "        Runnable r = new Runnable() {",       // 9
                "            public void run() {",             // 10
                "                int[] a = {1};",              // 11
                "            }",                               // 12
                "        };",                                  // 13
                "        r.run();",                            // 14
                "    }",                                       // 15
                "    static { int y = 0; }",                   // 16
                "    record R(int a) {",                       // 17
                "        R {",                                 // 18
                "            if (a < 0) { throw new IllegalArgumentException(); }", // 19
                "        }",                                   // 20
                "    }",                                       // 21
                "    <T> T f(T t) throws java.io.IOException, RuntimeException { return t; }", // 22
                "}");
        Path file = Path.of("src/main/java/A.java");
        assertEquals(List.of(
                        new Method(file, "toString", 3, 7, true),
                        new Method(file, "run", 10, 12, false),
                        new Method(file, "A", 8, 15, false),
                        new Method(file, "R", 18, 20, false),
                        new Method(file, "f", 22, 22, false)),
                MethodLengths.scan(file, source));
    }
}
