/**
 * Run directories on shared storage, through Hadoop's {@link org.apache.hadoop.fs.FileSystem} ({@code hdfs://},
 * {@code s3a://}, {@code file://}): {@link io.gan4j.spark.store.SharedRunStore} publishes a locally trained run
 * (checkpoints made visible atomically by a marker file written last), restores it for a resume that continues from
 * the newest published checkpoint, and downloads runs for {@code compare}; {@link io.gan4j.spark.store.StoreLock}
 * keeps one writer per run with a lease that a dead writer's successor takes over;
 * {@link io.gan4j.spark.store.RunPublisher} publishes a run as the runner trains it;
 * {@link io.gan4j.spark.store.HadoopRunStorage} plugs all of it into the Spark sweep.
 */
package io.gan4j.spark.store;
