package dev.fsc.spark;

/** A problem the runner itself finds in a step (not an engine error): its message is shown as is. */
final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message);
    }
}
