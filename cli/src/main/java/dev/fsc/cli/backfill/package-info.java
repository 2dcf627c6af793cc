/** {@code fsc backfill}: recompute day partitions on an Iceberg branch, audit, compare, publish or abort, resumably. */
package dev.fsc.cli.backfill;
