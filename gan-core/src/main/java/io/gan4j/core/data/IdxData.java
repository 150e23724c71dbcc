package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;

import java.nio.file.Files;
import java.nio.file.Path;

/** Any IDX image file (gzip or raw), optionally with an IDX label file: images {@code [N, H, W]} or {@code [N, H, W, C]}. */
@Doc("Images (and optional labels) from IDX files, gzip or raw")
public record IdxData(
        @Doc("Path of the IDX image file (unsigned bytes, [N,H,W] or [N,H,W,C])") @Required String images,
        @Doc("Path of the IDX label file (unsigned bytes, [N]); null = unlabelled") String labels,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements DataConfig {

    public static IdxData defaults() {
        return new IdxData(null, null, 0);
    }

    /**
     * Reads the image file and, when given, the label file (which must hold one label per image).
     *
     * @return a data set named after the image file: images {@code [C, H, W]} in [-1, 1]; labels, when given, in
     *         [0, numClasses) with numClasses the largest label + 1
     */
    @Override
    public ArrayDataset load(long seed) {
        if (images == null) {
            throw new DataException("idx: data.images is not set; give the path of an IDX image file");
        }
        Path imagePath = Path.of(images);
        IdxFile.Contents x = IdxFile.read(existing(images, "$.data.images"));
        IdxFile.Contents y = labels == null ? null : IdxFile.read(existing(labels, "$.data.labels"));
        return IdxFile.dataset("idx/" + imagePath.getFileName(), x, y, 0, limit);
    }

    /** The path, or a {@link DataException} naming the config field that gave it when nothing is there. */
    private static Path existing(String path, String jsonPath) {
        Path p = Path.of(path);
        if (Files.notExists(p)) {
            throw new DataException(p + ": no such file" + MissingData.hint(jsonPath, path));
        }
        return p;
    }

    @Override
    public DataKind kind() {
        return labels == null ? DataKind.UNLABELLED : DataKind.LABELLED;
    }
}
