/** Flink SQL streaming jobs from the model and plan: Kafka or local files in, Iceberg and the online store out. */
package dev.fsc.compiler.codegen.flink;
