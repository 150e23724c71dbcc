/**
 * Sweeps on Apache Spark: each run of a sweep is one Spark task, run directories live under any Hadoop FileSystem URI.
 */
package io.gan4j.spark;
