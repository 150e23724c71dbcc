package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON side of the config pipeline: the one {@link ObjectMapper} every config is bound and serialised with,
 * parsing with readable error positions, canonical text for hashing, JSON paths and the "did you mean" matcher.
 */
final class ConfigJson {

    /**
     * Binds and serialises config records. Enum constants without {@code @JsonProperty} are written and read in
     * lower case, the same names {@link ConfigBinder} accepts, so defaults survive a write/read round trip.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .annotationIntrospector(new LowerCaseEnums())
            .build();

    /**
     * Reads the user's text. Floats become {@link java.math.BigDecimal}s, unstripped, so that {@code 1e4} can be
     * recognised as an integer exactly and values are reported close to how they were written.
     */
    private static final ObjectReader READER = MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final int MAX_FOUND = 60;

    private ConfigJson() {
    }

    /**
     * Parses a whole document. On failure adds one problem at {@code $} (or at the repeated key's path for a
     * duplicate key) giving the line and column, and returns {@code null}.
     */
    static JsonNode parse(String text, List<ConfigProblem> problems) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add(parseProblem(e));
            return null;
        }
    }

    /** The JSON value {@code text} stands for, or {@code null} when it is not one complete JSON value. */
    static JsonNode parseValue(String text) {
        try {
            JsonNode node = READER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ConfigProblem parseProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (message.startsWith("Duplicate field '") && e instanceof JsonParseException pe && pe.getProcessor() != null) {
            // The parser is still positioned on the repeated key, so its context names the key's path. Its column
            // is past the key (after the colon), so only the line is given.
            String path = pathOf(pe.getProcessor().getParsingContext());
            return ConfigProblem.of(path, "must appear only once",
                    "it again" + (at == null ? "" : " on line " + at.getLineNr()));
        }
        return ConfigProblem.of("$", "must be valid JSON", describeSyntaxError(message) + where);
    }

    /** Jackson's message trimmed to its first clause and phrased to follow "found". */
    private static String describeSyntaxError(String message) {
        Matcher m = UNEXPECTED_CHAR.matcher(message);
        if (m.find()) {
            return "unexpected character '" + m.group(1) + "'";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "unexpected end of input";
        }
        if (message.startsWith("Trailing token")) {
            return "more content after the end of the document";
        }
        String first = message.split("[:\n]", 2)[0].trim();
        if (first.isEmpty()) {
            return "a syntax error";
        }
        return first.substring(0, 1).toLowerCase(Locale.ROOT) + first.substring(1);
    }

    /** The path, such as {@code $.train.batchSize}, of the value a parser context is positioned on. */
    private static String pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "$";
        for (JsonStreamContext c : chain) {
            path = c.inArray() ? index(path, c.getCurrentIndex()) : child(path, c.getCurrentName());
        }
        return path;
    }

    /** Serialises a config value (record, list, ...) with the binding mapper, nulls included. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Pretty-printed JSON, two-space indentation, {@code "key": value}. */
    static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * Canonical text: object keys sorted at every level, no whitespace. Two trees that differ only in key order
     * give the same text, so its hash identifies the configuration itself.
     */
    static String canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = MAPPER.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = MAPPER.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** The path of object member {@code key} under {@code path}: {@code $.a.key}, or {@code $.a["odd key"]}. */
    static String child(String path, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return path + "." + key;
        }
        return path + "[" + MAPPER.getNodeFactory().textNode(key) + "]";
    }

    /** The path of array element {@code i} under {@code path}. */
    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** A value as JSON text for a problem's "found" part, shortened when long; {@code null} when absent. */
    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        String text = node.toString();
        return text.length() <= MAX_FOUND ? text : text.substring(0, MAX_FOUND - 3) + "...";
    }

    /**
     * The valid name the user most likely meant: one equal ignoring case, else the closest within edit distance 2
     * (the first in {@code valid}'s order on a tie), else {@code null}.
     */
    static String suggest(String given, Collection<String> valid) {
        for (String v : valid) {
            if (v.equalsIgnoreCase(given)) {
                return v;
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String v : valid) {
            int d = distance(given.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code did you mean 'x'?} for {@code given}, else {@code null}. */
    static String didYouMean(String given, Collection<String> valid) {
        String s = suggest(given, valid);
        return s == null ? null : "did you mean '" + s + "'?";
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit (typed letters swapped). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Joins names for messages: {@code a, b, c}. */
    static String list(Collection<String> names) {
        return String.join(", ", new ArrayList<>(names));
    }

    /**
     * Gives enum constants without an explicit {@code @JsonProperty} their lower-case name, for writing and
     * reading alike; Jackson's own default would be the upper-case constant name.
     */
    private static final class LowerCaseEnums extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public String[] findEnumValues(MapperConfig<?> config, AnnotatedClass annotatedClass, Enum<?>[] enumValues,
                                       String[] names) {
            String[] found = super.findEnumValues(config, annotatedClass, enumValues, names);
            for (int i = 0; i < enumValues.length; i++) {
                if (found[i] == null) {
                    found[i] = enumValues[i].name().toLowerCase(Locale.ROOT);
                }
            }
            return found;
        }
    }
}
