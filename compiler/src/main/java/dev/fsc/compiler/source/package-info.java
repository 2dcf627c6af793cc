/** Spec files as text: positions, line index. */
package dev.fsc.compiler.source;
