/**
 * The runner's entry point and its two commands: {@code run} (a streaming job manifest on a MiniCluster
 * or a remote cluster, as one statement set with checkpointing) and {@code read} (features of an
 * entity from the online store).
 */
package dev.fsc.flink.runner;
