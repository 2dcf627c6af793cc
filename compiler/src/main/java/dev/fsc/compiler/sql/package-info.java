/** Phase 4: Apache Calcite checks every SQL snippet against the source schemas and infers types. */
package dev.fsc.compiler.sql;
