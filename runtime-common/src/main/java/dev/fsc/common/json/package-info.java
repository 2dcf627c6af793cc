/** A small, strict, dependency-free JSON reader and deterministic writer for the files fsc exchanges between processes. */
package dev.fsc.common.json;
