package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code validate} tells a new user who gives it a sweep file, or a config whose data is not there yet. */
class ValidateHintsTest {

    @Test
    void aSweepFileIsRecognisedItsRunsCheckedAndHowToRunItSaid() {
        CliTest.Result r = CliTest.cli("validate", "configs/sweeps/vanilla-loss.json");
        assertEquals(0, r.code(), r.err());
        assertEquals("ok: configs/sweeps/vanilla-loss.json is a sweep file of 4 runs (vanilla-loss_loss-non-saturating"
                + "_seed-1, vanilla-loss_loss-non-saturating_seed-2, vanilla-loss_loss-least-squares_seed-1,"
                + " vanilla-loss_loss-least-squares_seed-2), every run's config valid; run it with: gan4j compare"
                + " configs/sweeps/vanilla-loss.json", r.out().strip());
        assertEquals("", r.err());
    }

    @Test
    void anInvalidSweepListsItsProblemsAndStillSaysWhatItIs(@TempDir Path tmp) throws IOException {
        Path sweep = Files.writeString(tmp.resolve("bad.json"), """
                {"base": "%s", "grid": {"train.iterations": [-5]}}
                """.formatted(Path.of("configs/vanilla-mnist.json").toAbsolutePath().toString().replace("\\", "/")));
        CliTest.Result r = CliTest.cli("validate", sweep.toString());
        assertEquals(ExitCode.INPUT, r.code());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).contains("$.train.iterations"), r.err());
        assertEquals("gan4j validate: " + sweep + " is a sweep file; once it is valid, run it with: gan4j compare "
                + sweep, lines.get(lines.size() - 1));
    }

    @Test
    void missingDataNamesTheConfigFieldAndHowToMakeIt() {
        CliTest.Result r = CliTest.cli("validate", "configs/pix2pix-256-rgb.json");
        assertEquals(ExitCode.INPUT, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().strip().endsWith("; $.data.dir is \"data/generated/shapes-aligned-256\": make it with"
                + " gan4j data shapes --layout aligned --size 256 --out data/generated/shapes-aligned-256"), r.err());
    }
}
