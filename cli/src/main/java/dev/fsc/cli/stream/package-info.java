/** {@code fsc stream} and {@code fsc verify-parity}: the streaming jobs on a local Flink runner, and their parity with the batch path. */
package dev.fsc.cli.stream;
