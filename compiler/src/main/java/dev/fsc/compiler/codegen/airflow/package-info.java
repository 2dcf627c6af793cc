/** Airflow target: the daily job's DAG, one task per group of manifest steps, with per-task content hashes. */
package dev.fsc.compiler.codegen.airflow;
