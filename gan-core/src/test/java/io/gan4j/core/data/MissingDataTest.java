package io.gan4j.core.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MissingDataTest {

    @Test
    void theShippedConfigsFoldersAreMadeByTheDataCommand() {
        assertEquals("; $.data.dir is \"data/generated/shapes-aligned-256\": make it with gan4j data shapes"
                        + " --layout aligned --size 256 --out data/generated/shapes-aligned-256",
                MissingData.hint("$.data.dir", "data/generated/shapes-aligned-256"));
        assertEquals("; $.data.dir is \"/tmp/shapes-images-64/\": make it with gan4j data shapes --layout images"
                + " --size 64 --out /tmp/shapes-images-64/", MissingData.hint("$.data.dir", "/tmp/shapes-images-64/"));
    }

    @Test
    void otherPathsPointAtTheDataPage() {
        assertEquals("; $.data.images is \"faces.idx\": docs/data.md says how to get data sets in the layouts gan4j"
                + " reads", MissingData.hint("$.data.images", "faces.idx"));
        assertEquals("; $.data.dir is \"my-shapes-aligned-256x\": docs/data.md says how to get data sets in the"
                + " layouts gan4j reads", MissingData.hint("$.data.dir", "my-shapes-aligned-256x"));
    }
}
