/** Kafka Connect configs from the model: one Debezium Postgres connector per cdc source of an environment with {@code connect}. */
package dev.fsc.compiler.codegen.connect;
