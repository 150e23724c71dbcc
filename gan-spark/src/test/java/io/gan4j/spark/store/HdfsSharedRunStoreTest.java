package io.gan4j.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/**
 * {@link SharedRunStoreContract} on HDFS: an in-process NameNode and DataNode ({@link MiniDFSCluster}), one for the
 * class (about 5 s to start), each test under its own root.
 */
class HdfsSharedRunStoreTest extends SharedRunStoreContract {
    private static MiniDFSCluster cluster;
    private static Configuration conf;
    private static String authority;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
        cluster = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        cluster.waitActive();
        conf = new Configuration(cluster.getConfiguration(0));
        // Closing a file waits until the NameNode has the DataNode's report of its block, polling from 400 ms by
        // default; the single in-process DataNode reports within milliseconds.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        // fs.defaultFS says localhost; the tests name the address explicitly.
        authority = "127.0.0.1:" + cluster.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Override
    URI freshRoot() {
        return URI.create("hdfs://" + authority + "/gan4j/" + UUID.randomUUID());
    }

    @Override
    Configuration conf() {
        return conf;
    }
}
