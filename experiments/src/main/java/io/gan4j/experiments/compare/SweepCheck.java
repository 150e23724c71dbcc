package io.gan4j.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code gan4j validate} needs to know about sweep files without running them. */
public final class SweepCheck {
    private SweepCheck() {
    }

    /**
     * Whether {@code file} reads as a sweep file rather than an experiment config: a JSON object with a
     * {@code grid} or a {@code base} and no {@code model}. A file that cannot be read or parsed is not (the config
     * loader reports it).
     */
    public static boolean isSweep(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            return root != null && root.isObject() && (root.has("grid") || root.has("base")) && !root.has("model");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks a sweep file and the experiment config of every run it lists (its base with the sweep's and this
     * combination's overrides, then {@code extra}).
     *
     * @return the names of the runs, in the order {@code gan4j compare} trains them
     * @throws ConfigException with every problem of the sweep file, or of the first run whose config is invalid
     */
    public static List<String> check(Path file, ConfigLoader loader, List<String> extra) {
        Sweep sweep = Sweep.read(file);
        List<String> names = new ArrayList<>();
        for (Sweep.Combination c : sweep.combinations()) {
            List<String> overrides = new ArrayList<>(c.overrides());
            overrides.addAll(extra);
            loader.load(sweep.base(), overrides);
            names.add(c.runName());
        }
        return names;
    }
}
