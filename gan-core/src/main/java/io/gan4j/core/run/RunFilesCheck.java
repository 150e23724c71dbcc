package io.gan4j.core.run;

import io.gan4j.core.io.Json;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a run directory's manifest and metrics files before a command relies on them (resume appends to them,
 * compare reads them): a damaged file found half-way through left the run marked "failed" and its files changed, or
 * ended in exit 4 with a Jackson or charset message that said nothing about what to do.
 */
public final class RunFilesCheck {
    private RunFilesCheck() {
    }

    /** @throws RunDirectoryException naming the first missing or damaged file */
    public static void requireIntact(RunDirectory dir) {
        requireManifest(dir.manifest());
        requireCsv(dir.metrics(), "step,");
        requireCsv(dir.evalCsv(), "step,");
    }

    private static void requireManifest(Path file) {
        String text = readText(file, true);
        try {
            Json.MAPPER.readValue(text, RunManifest.class);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String what = e instanceof StreamReadException ? "not valid JSON" : "JSON, but not a gan4j manifest";
            throw new RunDirectoryException(file + ": damaged: " + what + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + "; it cannot be resumed, but gan4j sample and evaluate"
                    + " still read its checkpoints", e);
        }
    }

    private static void requireCsv(Path file, String headerStart) {
        String text = readText(file, false);
        // A header cut short by a kill (no newline yet) is dropped on resume like any torn row.
        boolean tornHeader = text != null && text.indexOf('\n') < 0 && headerStart.startsWith(text);
        if (text != null && !text.isEmpty() && !text.startsWith(headerStart) && !tornHeader) {
            throw new RunDirectoryException(file + ": damaged: its first line should be the column header starting "
                    + "'" + headerStart + "'; move the file aside to resume (its rows are then lost)");
        }
    }

    /** The file as UTF-8 text; null when it is absent and not {@code required}. */
    private static String readText(Path file, boolean required) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            if (required) {
                throw new RunDirectoryException(file + ": missing: a run directory keeps its manifest here, so this"
                        + " folder is not a complete run", e);
            }
            return null;
        } catch (CharacterCodingException e) {
            throw new RunDirectoryException(file + ": damaged: not text (gan4j writes it as UTF-8)", e);
        } catch (IOException e) {
            throw new RunDirectoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
