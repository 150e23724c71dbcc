package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --set path=value} overrides of one load, e.g. {@code train.iterations=500},
 * {@code model.hidden=[256,256]} or {@code data.dir=/tmp/mnist}. The value is read as JSON when it is one
 * complete JSON value and taken as a plain string otherwise, so strings rarely need quoting. Overrides apply to
 * the user's file before it is merged onto the defaults, in order, so a later one wins.
 *
 * <p>The overrides remember which paths they set, so that a problem found there later says where the value
 * came from.
 */
public final class ConfigOverrides {

    /** The problem path used for an override that cannot be read at all. */
    public static final String PATH = "--set";

    private record Assignment(String text, List<String> keys, String path, JsonNode value) {
    }

    private final List<Assignment> sets;

    private ConfigOverrides(List<Assignment> sets) {
        this.sets = sets;
    }

    /**
     * Reads override texts; a malformed one (no {@code =}, or an empty key in its path) adds a problem at
     * {@link #PATH} and is left out.
     */
    public static ConfigOverrides parse(List<String> texts, List<ConfigProblem> problems) {
        List<Assignment> sets = new ArrayList<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            List<String> keys = eq < 0 ? List.of() : List.of(text.substring(0, eq).trim().split("\\.", -1));
            if (eq < 0 || keys.stream().anyMatch(String::isEmpty)) {
                problems.add(ConfigProblem.of(PATH, "must be path=value, e.g. train.iterations=500",
                        "'" + text + "'"));
                continue;
            }
            String valueText = text.substring(eq + 1);
            JsonNode value = ConfigJson.parseValue(valueText);
            if (value == null) {
                value = ConfigJson.MAPPER.getNodeFactory().textNode(valueText);
            }
            String path = "$";
            for (String key : keys) {
                path = ConfigJson.child(path, key);
            }
            sets.add(new Assignment(text, keys, path, value));
        }
        return new ConfigOverrides(sets);
    }

    /**
     * Writes every override into {@code root}, creating missing objects along the path; a non-object in the way
     * is replaced by an object.
     */
    public void applyTo(ObjectNode root) {
        for (Assignment s : sets) {
            ObjectNode at = root;
            for (String key : s.keys.subList(0, s.keys.size() - 1)) {
                JsonNode next = at.get(key);
                at = next != null && next.isObject() ? (ObjectNode) next : at.putObject(key);
            }
            at.set(s.keys.get(s.keys.size() - 1), s.value.deepCopy());
        }
    }

    /**
     * The hint for a problem at {@code path}: {@code set by --set a.b=c} naming the last override that set that
     * path, a value inside it, or a key below it (so that {@code --set trian.iterations=5} is named by the problem
     * at {@code $.trian}); else {@code null}.
     */
    public String hintFor(String path) {
        String hint = null;
        for (Assignment s : sets) {
            if (path.equals(s.path) || within(path, s.path) || within(s.path, path)) {
                hint = "set by --set " + s.text;
            }
        }
        return hint;
    }

    /** Whether {@code inner} is a path strictly inside {@code outer}. */
    private static boolean within(String inner, String outer) {
        return inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    /** {@code problems} with {@link #hintFor} added to the hint of each one an override caused. */
    public List<ConfigProblem> annotate(List<ConfigProblem> problems) {
        List<ConfigProblem> out = new ArrayList<>(problems.size());
        for (ConfigProblem p : problems) {
            String origin = hintFor(p.path());
            if (origin == null) {
                out.add(p);
            } else {
                String hint = p.hint() == null || p.hint().isEmpty() ? origin : p.hint() + "; " + origin;
                out.add(new ConfigProblem(p.path(), p.requirement(), p.found(), hint));
            }
        }
        return out;
    }

    /** The override texts that were read successfully, in order. */
    public List<String> texts() {
        return sets.stream().map(Assignment::text).toList();
    }
}
