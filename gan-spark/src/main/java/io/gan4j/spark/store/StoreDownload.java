package io.gan4j.spark.store;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link SharedRunStore#download}: a local copy of run directories on any Hadoop file system, holding only their
 * published checkpoints (those with {@value SharedRunStore#MARKER}), with local pointers naming them.
 */
final class StoreDownload {
    private static final String STEP = "step-\\d{8}";

    private StoreDownload() {
    }

    static java.nio.file.Path download(FileSystem fs, Path source, java.nio.file.Path cache) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(source);
        } catch (FileNotFoundException e) {
            throw new IOException(source + ": no such directory on the store", e);
        }
        if (!status.isDirectory()) {
            throw new IOException(source + ": not a directory (give a run directory or a folder of run directories)");
        }
        StoreFiles files = new StoreFiles(fs, true);
        Map<String, FileStatus> all = files.listTree(source);
        java.nio.file.Path local = cache.resolve(source.getName());
        Files.createDirectories(local);
        TreeSet<String> marked = new TreeSet<>();
        for (String rel : all.keySet()) {
            String parent = parentOf(rel);
            if (rel.endsWith("/" + SharedRunStore.MARKER) && isStepDir(parent)) {
                marked.add(parent);
            }
        }
        for (Map.Entry<String, FileStatus> e : all.entrySet()) {
            String rel = e.getKey();
            if (SharedRunStore.isPublishedFile(rel) && wanted(rel, marked)) {
                java.nio.file.Path target = local.resolve(rel);
                if (!StoreFiles.sameAs(e.getValue(), target)) {
                    files.download(e.getValue(), target);
                }
            }
        }
        writePointers(files, source, all, marked, local);
        return local;
    }

    /** Files inside a checkpoint are wanted only when it is published; pointers are written locally instead. */
    private static boolean wanted(String rel, TreeSet<String> marked) {
        String parent = parentOf(rel);
        if (isStepDir(parent)) {
            return marked.contains(parent);
        }
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        boolean pointer = (name.equals("latest") || name.equals("best")) && isCheckpointsDir(parent);
        return !pointer;
    }

    /** In each checkpoints folder: {@code latest} names the newest published step, {@code best} kept if published. */
    private static void writePointers(StoreFiles files, Path source, Map<String, FileStatus> all,
                                      TreeSet<String> marked, java.nio.file.Path local) throws IOException {
        Map<String, String> newest = new TreeMap<>();
        for (String step : marked) {
            // Step names are zero-padded, so the set's order is step order within one folder.
            newest.put(parentOf(step), step.substring(step.lastIndexOf('/') + 1));
        }
        for (Map.Entry<String, String> e : newest.entrySet()) {
            java.nio.file.Path dir = local.resolve(e.getKey());
            Files.writeString(dir.resolve("latest"), e.getValue() + "\n", StandardCharsets.UTF_8);
            String bestRel = e.getKey() + "/best";
            if (all.containsKey(bestRel)) {
                String best = files.readText(new Path(source, bestRel)).trim();
                if (marked.contains(e.getKey() + "/" + best)) {
                    Files.writeString(dir.resolve("best"), best + "\n", StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static boolean isStepDir(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.matches(STEP) && isCheckpointsDir(parentOf(rel));
    }

    private static boolean isCheckpointsDir(String rel) {
        return rel.equals("checkpoints") || rel.endsWith("/checkpoints");
    }
}
