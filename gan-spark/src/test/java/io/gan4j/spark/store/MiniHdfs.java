package io.gan4j.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/** An in-process HDFS (one NameNode, one DataNode) under target/, addressed as hdfs://127.0.0.1:PORT. */
final class MiniHdfs implements AutoCloseable {
    /** Closing a file polls the NameNode for its block from 400 ms by default; one local DataNode reports at once. */
    static final String COMPLETE_FILE_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

    private final MiniDFSCluster cluster;
    private final Configuration conf;
    private final String authority;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
        this.conf = new Configuration(cluster.getConfiguration(0));
        conf.setInt(COMPLETE_FILE_DELAY, 10);
        // fs.defaultFS says localhost; the tests name the address explicitly.
        this.authority = "127.0.0.1:" + cluster.getNameNodePort();
    }

    static MiniHdfs start() throws IOException {
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** The client configuration (a copy per call). */
    Configuration conf() {
        return new Configuration(conf);
    }

    /** A fresh folder on this HDFS. */
    URI freshRoot() {
        return URI.create("hdfs://" + authority + "/gan4j/" + UUID.randomUUID());
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
