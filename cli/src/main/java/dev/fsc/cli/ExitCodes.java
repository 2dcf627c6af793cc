package dev.fsc.cli;

/** fsc's exit codes, the same for every command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USER_ERRORS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
