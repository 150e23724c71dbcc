package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.config.Doc;
import io.gan4j.core.config.Range;
import io.gan4j.core.config.Required;

/** Any IDX image file (gzip or raw), optionally with an IDX label file: images {@code [N, H, W]} or {@code [N, H, W, C]}. */
@Doc("Images (and optional labels) from IDX files, gzip or raw")
public record IdxData(
        @Doc("Path of the IDX image file (unsigned bytes, [N,H,W] or [N,H,W,C])") @Required String images,
        @Doc("Path of the IDX label file (unsigned bytes, [N]); null = unlabelled") String labels,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements DataConfig {

    public static IdxData defaults() {
        return new IdxData(null, null, 0);
    }

    @Override
    public ArrayDataset load(long seed) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public DataKind kind() {
        return labels == null ? DataKind.UNLABELLED : DataKind.LABELLED;
    }
}
