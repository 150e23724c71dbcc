package io.gan4j.core.nn;

import io.gan4j.core.api.StepRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image pool's rule, traced with images whose every pixel holds their serial number. */
class ImagePoolTest {

    /** {@code n} images of shape [1, 2, 2], image j filled with {@code first + j}. */
    private static INDArray batch(int first, int n) {
        INDArray b = Nd4j.create(DataType.FLOAT, n, 1, 2, 2);
        for (int j = 0; j < n; j++) {
            b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(j)).assign(first + j);
        }
        return b;
    }

    private static int serial(INDArray out, int row) {
        return (int) out.getDouble(row, 0, 0, 0);
    }

    @Test
    void fillsFirstThenSwapsHalfTheFakesForStoredOnes() {
        ImagePool pool = new ImagePool(50);
        INDArray first = pool.query(batch(0, 50), new StepRandom(1));
        assertEquals(batch(0, 50), first, "while filling, every fake comes back as it is");
        assertEquals(50, pool.size());

        int fromPool = 0;
        int total = 0;
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < 400; step++) {
            int base = 1000 + step * 4;
            INDArray out = pool.query(batch(base, 4), new StepRandom(100 + step));
            for (int r = 0; r < 4; r++) {
                int s = serial(out, r);
                if (s == base + r) {
                    continue;
                }
                fromPool++;
                // Earlier in the sequence: a previous batch, or a fake of this batch stored a moment ago.
                assertTrue(s < base + r, "an older image, never a later one: " + s);
                assertTrue(seen.add(s), "a stored image is handed out once, then replaced: " + s);
            }
            total += 4;
            assertEquals(50, pool.size());
        }
        assertEquals(0.5, fromPool / (double) total, 0.04, "half the fakes are swapped");
    }

    @Test
    void theSameRandomNumbersAndARestoredPoolGiveTheSameBatches() {
        ImagePool a = new ImagePool(8);
        a.query(batch(0, 8), new StepRandom(1));
        a.query(batch(8, 4), new StepRandom(2));
        ImagePool resumed = new ImagePool(8);
        resumed.restore(a.contents());
        assertEquals(a.contents(), resumed.contents());
        for (int step = 3; step < 10; step++) {
            assertEquals(a.query(batch(step * 10, 4), new StepRandom(step)),
                    resumed.query(batch(step * 10, 4), new StepRandom(step)), "step " + step);
        }
    }

    @Test
    void storedImagesAreCopiesAndAnEmptyPoolPassesThrough() {
        ImagePool pool = new ImagePool(2);
        INDArray fakes = batch(0, 2);
        pool.query(fakes, new StepRandom(1));
        fakes.assign(-5);
        assertEquals(batch(0, 2), pool.contents(), "later changes to the caller's array do not reach the pool");

        ImagePool none = new ImagePool(0);
        INDArray b = batch(0, 3);
        assertSame(b, none.query(b, new StepRandom(1)));
        assertNull(none.contents());
        assertThrows(IllegalArgumentException.class, () -> pool.restore(batch(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> new ImagePool(-1));
    }

    /** Draws given in order, as a reference implementation's. */
    private static StepRandom scripted(double[] doubles, int[] ints) {
        return new StepRandom(0) {
            private int d;
            private int i;

            @Override
            public double nextDouble() {
                return doubles[d++];
            }

            @Override
            public int nextInt(int bound) {
                assertEquals(2, bound, "a slot of the pool");
                return ints[i++];
            }
        };
    }

    /** CycleGAN's rule (the reference's ImagePool.query): p > 0.5 swaps with a random slot, p <= 0.5 keeps the fake. */
    @Test
    void aFullPoolSwapsExactlyWhenTheDrawIsAboveOneHalf() {
        ImagePool pool = new ImagePool(2);
        pool.restore(batch(100, 2));
        INDArray fakes = batch(0, 4);
        INDArray out = pool.query(fakes, scripted(new double[] {0.2, 0.5, 0.7, 0.9}, new int[] {1, 0}));
        assertEquals(batch(0, 1), out.get(NDArrayIndex.interval(0, 1)), "0.2: the fake itself");
        assertEquals(batch(1, 1), out.get(NDArrayIndex.interval(1, 2)), "0.5: the fake itself");
        assertEquals(batch(101, 1), out.get(NDArrayIndex.interval(2, 3)), "0.7: slot 1's image");
        assertEquals(batch(100, 1), out.get(NDArrayIndex.interval(3, 4)), "0.9: slot 0's image");
        assertEquals(Nd4j.concat(0, batch(3, 1), batch(2, 1)), pool.contents(), "the swapped fakes took their slots");
    }

    @Test
    void restoringReplacesWhatThePoolHeld() {
        ImagePool pool = new ImagePool(3);
        pool.restore(batch(0, 3));
        pool.restore(batch(10, 2));
        assertEquals(batch(10, 2), pool.contents());
        assertEquals(3, pool.capacity());
    }

    /**
     * The pool closes the copies it lets go (CycleGAN's step relies on it: at 256 px each is a 768 KiB native buffer
     * per query that would otherwise wait for Java's collector), and what it hands out is the caller's to close: closing
     * every result, then querying and reading the pool again, must not touch a closed buffer. With a batch of one,
     * Nd4j.concat would return the pool's own copy; the result must still be separate.
     */
    @Test
    void resultsAreTheCallersToCloseAndThePoolKeepsItsOwnCopies() {
        ImagePool pool = new ImagePool(2);
        for (int step = 0; step < 40; step++) {
            INDArray fakes = batch(step, 1);
            INDArray out = pool.query(fakes, new StepRandom(step));
            assertTrue(!Net.sameBuffer(out, fakes), "step " + step + ": a copy of the caller's fakes");
            double seen = out.getDouble(0, 0, 0, 0);
            out.close();
            fakes.close();
            INDArray held = pool.contents();
            assertTrue(held.getDouble(0, 0, 0, 0) >= 0 && seen >= 0, "the pool's images survive the caller's closes");
            held.close();
        }
        assertEquals(2, pool.size());
        INDArray last = pool.query(batch(100, 3), new StepRandom(99));
        assertEquals(3, last.size(0));
    }

    /** Dropped copies (fakes passed straight through, stored images swapped out) are closed by the query. */
    @Test
    void dropsAreClosed() {
        ImagePool pool = new ImagePool(2);
        pool.restore(batch(100, 2));
        INDArray stored = firstImage(pool);
        // 0.9: slot 0's image goes out and the fake takes its slot; 0.2: the next fake passes straight through.
        INDArray out = pool.query(batch(0, 2), scripted(new double[] {0.9, 0.2}, new int[] {0}));
        assertEquals(batch(100, 1), out.get(NDArrayIndex.interval(0, 1)));
        assertEquals(batch(1, 1), out.get(NDArrayIndex.interval(1, 2)));
        assertTrue(stored.wasClosed(), "the swapped-out image is no longer the pool's: closed");
        assertEquals(Nd4j.concat(0, batch(0, 1), batch(101, 1)), pool.contents());
    }

    /** The pool's first stored image itself (not a copy), through restore's storage. */
    private static INDArray firstImage(ImagePool pool) {
        try {
            java.lang.reflect.Field f = ImagePool.class.getDeclaredField("images");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            java.util.List<INDArray> images = (java.util.List<INDArray>) f.get(pool);
            return images.get(0);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
