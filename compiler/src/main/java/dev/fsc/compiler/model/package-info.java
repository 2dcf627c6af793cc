/** The resolved, typed model of a project: what the compiler understood, input to planning. */
package dev.fsc.compiler.model;
