package io.gan4j.core.nn;

import io.gan4j.core.api.StepRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A history of generated images for discriminator updates (Shrivastava et al. 2017, as CycleGAN uses it with 50
 * images): D sees a mix of the newest fakes and older ones, which damps the oscillation between G and D.
 *
 * <p>{@link #query} takes a batch of fakes and returns as many images. While the pool holds fewer than
 * {@code capacity}, each fake is stored and returned as it is. Once full, each fake is returned as it is when a uniform
 * draw is at most ½; otherwise a uniformly chosen stored image is returned in its place and the fake takes its slot (the
 * reference code's rule). Every choice comes from the step's {@link StepRandom}, and {@link #contents} /
 * {@link #restore} carry the pool through a checkpoint, so a resumed run queries exactly what an uninterrupted one
 * would. Images are stored as copies, detached from any workspace, which the pool closes when it lets them go.
 */
public final class ImagePool {
    private final int capacity;
    private final List<INDArray> images = new ArrayList<>();

    /** @param capacity images kept, 0 to pass every batch through unchanged (no pool) */
    public ImagePool(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("pool capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Images stored so far, at most {@link #capacity()}. */
    public int size() {
        return images.size();
    }

    /**
     * The images D should see for {@code fakes}.
     *
     * <p>The result is a new array the caller owns and should close when done with it (it shares no memory with the
     * pool or with {@code fakes}), except with capacity 0, where it is {@code fakes} itself. Copies this call makes
     * and does not keep (fakes passed straight through, stored images swapped out) are closed here, so their native
     * memory does not wait for Java's collector (see {@link Net}).
     *
     * @param fakes  generated images {@code [N, ...]}, treated as constants
     * @param random this step's random numbers
     * @return {@code [N, ...]}: each row a fake of this batch or an older one from the pool
     */
    public INDArray query(INDArray fakes, StepRandom random) {
        if (capacity == 0) {
            return fakes;
        }
        long n = fakes.size(0);
        INDArray[] out = new INDArray[(int) n];
        List<INDArray> dropped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            INDArray fake = fakes.get(NDArrayIndex.interval(i, i + 1)).detach().dup();
            if (images.size() < capacity) {
                images.add(fake);
                out[i] = fake;
            } else if (random.nextDouble() <= 0.5) {
                // The reference code swaps when its uniform draw p > 0.5 and keeps the new fake otherwise.
                out[i] = fake;
                dropped.add(fake);
            } else {
                int slot = random.nextInt(capacity);
                out[i] = images.get(slot);
                dropped.add(out[i]);
                images.set(slot, fake);
            }
        }
        // Nd4j.concat of one array returns that array: with a batch of one it would be a stored image (or one of
        // the copies closed below), which the caller closes.
        INDArray result = n == 1 ? out[0].dup() : Nd4j.concat(0, out);
        dropped.forEach(INDArray::close);
        return result;
    }

    /** The stored images in slot order, {@code [size, ...]}, for a checkpoint; null when empty. */
    public INDArray contents() {
        if (images.isEmpty()) {
            return null;
        }
        // A copy in every case (concat of one array is that array): restore() closes the images it replaces.
        return images.size() == 1 ? images.get(0).dup() : Nd4j.concat(0, images.toArray(new INDArray[0]));
    }

    /**
     * Replaces the pool's images with those saved by {@link #contents} (null = empty).
     *
     * @throws IllegalArgumentException when more images are given than the pool holds
     */
    public void restore(INDArray stored) {
        if (stored != null && stored.size(0) > capacity) {
            throw new IllegalArgumentException(stored.size(0) + " images for a pool of " + capacity + " (shape "
                    + Arrays.toString(stored.shape()) + ")");
        }
        // The pool's images are its own copies (query, restore and contents copy): nobody else holds them.
        images.forEach(INDArray::close);
        images.clear();
        if (stored == null) {
            return;
        }
        for (long i = 0; i < stored.size(0); i++) {
            images.add(stored.get(NDArrayIndex.interval(i, i + 1)).dup());
        }
    }
}
