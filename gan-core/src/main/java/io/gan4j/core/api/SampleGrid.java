package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images to show as a grid, row-major.
 *
 * @param images     {@code [rows * cols, C, H, W]} with values in [-1, 1]
 * @param rows       number of grid rows
 * @param cols       number of grid columns
 * @param rowLabels  optional caption per row (e.g. a class, or "input / output / target"), may be null
 */
public record SampleGrid(INDArray images, int rows, int cols, String[] rowLabels) {

    public SampleGrid {
        if (images.size(0) != (long) rows * cols) {
            throw new IllegalArgumentException(images.size(0) + " images for a " + rows + "x" + cols + " grid");
        }
    }

    public SampleGrid(INDArray images, int rows, int cols) {
        this(images, rows, cols, null);
    }
}
