package io.gan4j.spark.store;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.net.URI;

/** {@link SharedRunStoreContract} on the local file system ({@code file://}), as a network file system is used. */
class LocalSharedRunStoreTest extends SharedRunStoreContract {
    @Override
    URI freshRoot() throws IOException {
        return TinyRuns.scratch("local-store").toUri();
    }

    @Override
    Configuration conf() {
        return new Configuration();
    }
}
