/** The fsc command line: thin picocli commands that call the compiler and return exit codes. */
package dev.fsc.cli;
