package io.gan4j.core.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second half of a "data not found" message: which config field gave the path, and how to get the data. The
 * folders the shipped configs read are made by {@code gan4j data shapes}, whose default output names them
 * ({@code data/generated/shapes-LAYOUT-SIZE}); any other path gets the pointer to docs/data.md.
 */
final class MissingData {
    private static final Pattern GENERATED =
            Pattern.compile("(?:^|.*[/\\\\])shapes-(images|aligned|unaligned)-(\\d+)[/\\\\]?$");

    private MissingData() {
    }

    /**
     * E.g. {@code ; $.data.dir is "data/generated/shapes-aligned-256": make it with gan4j data shapes --layout aligned
     * --size 256 --out data/generated/shapes-aligned-256}.
     *
     * @param jsonPath the config field, e.g. {@code $.data.dir}
     * @param value    the path as the config gives it
     */
    static String hint(String jsonPath, String value) {
        String where = "; " + jsonPath + " is \"" + value + "\": ";
        Matcher m = GENERATED.matcher(value);
        if (m.matches()) {
            return where + "make it with gan4j data shapes --layout " + m.group(1) + " --size " + m.group(2)
                    + " --out " + value;
        }
        return where + "docs/data.md says how to get data sets in the layouts gan4j reads";
    }
}
