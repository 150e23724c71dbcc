package io.gan4j.experiments;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed config reference ({@code docs/config-reference.md}) is what {@code ./gan4j describe --markdown} prints
 * now: a changed {@code @Doc}, default, range, field or variant fails here until the file is regenerated.
 */
class ConfigReferenceDocTest {

    @Test
    void committedConfigReferenceIsCurrent() throws IOException {
        // Surefire runs in the module's folder; the file lies at the repository root's docs/.
        Path file = Path.of("..").resolve(DescribeCommand.REFERENCE_FILE);
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath().normalize() + " is missing: run "
                + DescribeCommand.REGENERATE);
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        String generated = DescribeCommand.markdownReference();
        if (!committed.equals(generated)) {
            fail(DescribeCommand.REFERENCE_FILE + " is stale (it differs from the config records' documentation at "
                    + firstDifference(committed, generated) + "): regenerate it with " + DescribeCommand.REGENERATE);
        }
    }

    /** The CLI prints exactly the same page, so the command the failure names really regenerates the file. */
    @Test
    void describeMarkdownPrintsThePage() {
        CliTest.Result r = CliTest.cli("describe", "--markdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().equals(DescribeCommand.markdownReference()), "describe --markdown printed another page");
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "line " + (i + 1);
            }
        }
        return "line " + (Math.min(x.length, y.length) + 1);
    }
}
