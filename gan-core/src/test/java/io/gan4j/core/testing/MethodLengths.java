package io.gan4j.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Measures the methods and constructors of a module's main sources, for the rule that none runs over {@link #LIMIT}
 * lines (from the line naming it to its closing brace) unless a comment starting {@code // Long on purpose:} above it
 * says why (issue 23). Shared through gan-core's test-jar so that every module checks the same rule with the same
 * scanner. A small scanner, not a Java parser: comments, strings, text blocks and char literals are blanked first so
 * their braces do not count; each brace is then classed by the text since the previous {@code ;}, <code>{</code> or
 * <code>}</code>. Methods of nested, inner and anonymous classes are measured on their own; type bodies,
 * initializers and lambdas are not methods.
 */
public final class MethodLengths {
    public static final int LIMIT = 50;
    public static final String MARK = "// Long on purpose:";

    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+(\\w+)");
    private static final Pattern ANNOTATION = Pattern.compile("@\\s*[\\w.]+(\\s*\\([^()]*\\))?");
    private static final Pattern ANONYMOUS = Pattern.compile("\\bnew\\s+[\\w.]+\\s*(<[^{}]*>)?\\s*\\(.*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern THROWS = Pattern.compile("\\)\\s*throws\\s+[\\w.,\\s<>]+$");
    private static final Pattern NAME_BEFORE_PAREN = Pattern.compile("(\\w+)\\s*\\(");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "return", "throw", "new");
    private static final Pattern WORDS = Pattern.compile("^[\\w\\s]*$");

    /** One method or constructor: where it starts and ends, and whether it carries the mark. */
    public record Method(Path file, String name, int firstLine, int lastLine, boolean marked) {
        public int length() {
            return lastLine - firstLine + 1;
        }

        @Override
        public String toString() {
            return file + ":" + firstLine + " " + name + " (" + length() + " lines)";
        }
    }

    private MethodLengths() {
    }

    /**
     * Fails naming every method of {@code sources} (a module's {@code src/main/java}) over {@link #LIMIT} lines
     * without the mark; also fails when fewer than {@code atLeast} methods were found, so that a scanner that stopped
     * seeing methods cannot pass.
     */
    public static void assertNoLongMethods(Path sources, String module, int atLeast) throws IOException {
        List<Method> methods = scanAll(sources);
        assertTrue(methods.size() >= atLeast, "the scanner found only " + methods.size() + " methods in " + sources);
        List<String> tooLong = methods.stream()
                .filter(m -> m.length() > LIMIT && !m.marked())
                .map(m -> new Method(sources.relativize(m.file()), m.name(), m.firstLine(), m.lastLine(), false))
                .map(Method::toString).toList();
        if (!tooLong.isEmpty()) {
            fail(tooLong.size() + " method(s) in " + module + " over " + LIMIT + " lines without a '" + MARK
                    + "' comment above them; split them or say why:\n  " + String.join("\n  ", tooLong));
        }
    }

    /** Every method and constructor of the {@code .java} files below {@code sources}, file by file in name order. */
    public static List<Method> scanAll(Path sources) throws IOException {
        List<Method> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                all.addAll(scan(file, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    private enum Block { TYPE, METHOD, OTHER }

    private record Open(Block kind, String name, int nameOffset, boolean marked) {
    }

    /** The methods and constructors of one source file, each as it closes. */
    public static List<Method> scan(Path file, String source) {
        List<Integer> marks = new ArrayList<>();
        String code = blankLiteralsAndComments(source, marks);
        List<Method> methods = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        Deque<String> typeNames = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == ';') {
                headerStart = i + 1;
            } else if (c == '{') {
                Open block = classify(code, headerStart, i, open.isEmpty() || open.peek().kind() == Block.TYPE,
                        typeNames.peek(), marks);
                open.push(block);
                if (block.kind() == Block.TYPE) {
                    typeNames.push(block.name());
                }
                headerStart = i + 1;
            } else if (c == '}') {
                Open block = open.pop();
                if (block.kind() == Block.TYPE) {
                    typeNames.pop();
                } else if (block.kind() == Block.METHOD) {
                    methods.add(new Method(file, block.name(), lineOf(code, block.nameOffset()), lineOf(code, i),
                            block.marked()));
                }
                headerStart = i + 1;
            }
        }
        return methods;
    }

    private static Open classify(String code, int start, int end, boolean inTypeBody, String typeName,
                                 List<Integer> marks) {
        String header = blank(code.substring(start, end), ANNOTATION);
        Matcher type = TYPE.matcher(header);
        if (type.find() && !header.contains("(") || type.find(0) && type.group(1).equals("record")) {
            return new Open(Block.TYPE, type.group(2), start, false);
        }
        if (ANONYMOUS.matcher(header.strip()).find()) {
            return new Open(Block.TYPE, "", start, false);
        }
        if (!inTypeBody || header.contains("=") || header.contains("->")) {
            return new Open(Block.OTHER, "", start, false);
        }
        String signature = THROWS.matcher(header.stripTrailing()).replaceFirst(")");
        int nameOffset;
        String name;
        Matcher paren = NAME_BEFORE_PAREN.matcher(signature);
        if (signature.endsWith(")") && paren.find()) {
            name = paren.group(1);
            boolean constructorOrMethod = !KEYWORDS.contains(name) && (name.equals(typeName)
                    || !signature.substring(0, paren.start()).isBlank());
            if (!constructorOrMethod) {
                return new Open(Block.OTHER, "", start, false); // an enum constant with a body
            }
            nameOffset = start + paren.start(1);
        } else if (WORDS.matcher(header).matches() && header.strip().endsWith(typeName == null ? "\0" : typeName)) {
            name = typeName; // a record's compact constructor
            nameOffset = start + header.lastIndexOf(typeName);
        } else {
            return new Open(Block.OTHER, "", start, false);
        }
        int from = start;
        boolean marked = marks.stream().anyMatch(m -> m >= from && m < nameOffset);
        return new Open(Block.METHOD, name, nameOffset, marked);
    }

    private static String blank(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    /** The source with the insides of comments, strings, text blocks and char literals turned to spaces. */
    static String blankLiteralsAndComments(String s, List<Integer> marks) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                if (s.startsWith(MARK, i)) {
                    marks.add(i);
                }
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = closing(s, i + 3, "\"\"\"");
            } else if (s.charAt(i) == '"') {
                end = closing(s, i + 1, "\"");
            } else if (s.charAt(i) == '\'') {
                end = closing(s, i + 1, "'");
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (; i < end; i++) {
                out.append(s.charAt(i) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    private static int closing(String s, int from, String quote) {
        int i = from;
        while (!s.startsWith(quote, i)) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + quote.length();
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
