/**
 * The SQL functions generated Flink jobs call (Contract §3): {@code FSC_LAST}, {@code FSC_HLL},
 * {@code FSC_HLL_MERGE}, {@code FSC_HLL_ESTIMATE} and the {@code FSC_DEDUP} process table function.
 */
package dev.fsc.flink.functions;
