/** Phase 3: name resolution: references between specs, columns, keys, windows and dependency cycles. */
package dev.fsc.compiler.resolve;
