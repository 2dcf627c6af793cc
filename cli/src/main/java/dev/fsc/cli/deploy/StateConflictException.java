package dev.fsc.cli.deploy;

/** The state document changed since it was read: another writer got there first. */
public final class StateConflictException extends java.io.IOException {
    public StateConflictException(String message) {
        super(message);
    }
}
