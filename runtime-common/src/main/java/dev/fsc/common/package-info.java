/** Code shared by the compiler and both runtimes: job manifest records and tile math. */
package dev.fsc.common;
