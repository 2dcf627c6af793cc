/** Phase 5: the logical plan, an immutable graph of fingerprinted nodes that every generator and the differ read. */
package dev.fsc.compiler.plan;
