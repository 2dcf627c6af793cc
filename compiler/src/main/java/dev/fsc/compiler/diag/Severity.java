package dev.fsc.compiler.diag;

/** How bad a diagnostic is: errors stop the build, warnings do not. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
