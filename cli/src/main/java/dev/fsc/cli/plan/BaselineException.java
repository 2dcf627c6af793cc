package dev.fsc.cli.plan;

/** A baseline could not be read (no such git revision, unreadable state document): a user-facing problem. */
public final class BaselineException extends RuntimeException {
    public BaselineException(String message) {
        super(message);
    }
}
