package io.gan4j.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;

/**
 * {@link SharedRunStoreContract} on HDFS: an in-process NameNode and DataNode ({@link MiniHdfs}), one for the class
 * (about 5 s to start), each test under its own root.
 */
class HdfsSharedRunStoreTest extends SharedRunStoreContract {
    private static MiniHdfs hdfs;
    private static Configuration conf;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start();
        conf = hdfs.conf();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Override
    URI freshRoot() {
        return hdfs.freshRoot();
    }

    @Override
    Configuration conf() {
        return conf;
    }
}
