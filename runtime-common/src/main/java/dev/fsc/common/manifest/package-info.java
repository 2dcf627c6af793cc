/**
 * The contract between the compiler and the runtimes: the job manifest a runtime executes
 * ({@link dev.fsc.common.manifest.JobManifest}), the result file it writes back
 * ({@link dev.fsc.common.manifest.JobResult}) and how a runtime JVM is launched
 * ({@link dev.fsc.common.manifest.SparkJvm}).
 */
package dev.fsc.common.manifest;
