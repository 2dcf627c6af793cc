/** The Spark batch runner: executes a compiled job manifest on Spark with an Iceberg catalog, as its own JVM. */
package dev.fsc.spark;
