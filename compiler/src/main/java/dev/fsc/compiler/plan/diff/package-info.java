/** Plan-to-plan diff: what changed per node, how it is classified, and what it implies (backfills, restarts). */
package dev.fsc.compiler.plan.diff;
