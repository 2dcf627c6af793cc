/** Diagnostics: the numbered catalog, collection across phases, rendering for people and tools. */
package dev.fsc.compiler.diag;
