package dev.fsc.cli.deploy;

/** Another deploy holds the environment's lock. */
public final class StateLockedException extends java.io.IOException {
    public StateLockedException(String message) {
        super(message);
    }
}
