package io.gan4j.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a requested path to a regular file inside one run directory, or to nothing. The request path reaches here
 * already percent-decoded by the server (Javalin lets encoded slashes through decoded), so every check is made on
 * the decoded text and then on the file system's real path: a path that is absolute, has a backslash, a NUL, a
 * {@code .} or {@code ..} or empty segment, or whose real path (after following links) is not inside the run's real
 * directory is refused, as is anything not a regular file (no directory listings). Nothing outside the run is
 * opened: the real path is compared before the file is read.
 */
final class RunFiles {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "png", "image/png",
            "json", "application/json",
            "csv", "text/csv; charset=utf-8",
            "log", "text/plain; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "md", "text/plain; charset=utf-8");

    private RunFiles() {
    }

    /**
     * The file {@code relative} names inside {@code runDir}, as a real path, when it is a regular file there.
     *
     * @param runDir   the run directory
     * @param relative the decoded request path below the run, with {@code /} separators
     */
    static Optional<Path> resolve(Path runDir, String relative) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\\') >= 0
                || relative.indexOf('\0') >= 0 || relative.indexOf(':') >= 0) {
            return Optional.empty();
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        try {
            Path root = runDir.toRealPath();
            Path candidate = root.resolve(relative).normalize();
            if (!candidate.startsWith(root) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The content type served for {@code file}, by its extension; unknown kinds are sent as bytes to download. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
