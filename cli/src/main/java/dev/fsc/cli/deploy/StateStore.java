package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.Optional;

/**
 * Where one environment's deploy state lives: the state document, the deployed plan, the artifacts
 * by content hash, and the lock that makes deploys to the environment one at a time.
 */
public interface StateStore {
    /** The current document; empty if nothing was ever deployed. */
    Optional<DeployState> read() throws IOException;

    /**
     * Takes the environment's lock for {@code owner}, or fails with {@link StateLockedException} naming who
     * holds it. A lock whose holder is provably gone (a dead process on this host) is taken over.
     */
    StateLock lock(String owner) throws IOException;

    /**
     * Writes {@code next} (with the plan it deploys) as the current document. Fails with
     * {@link StateConflictException} unless the current document's serial is {@code next.serial() - 1}
     * (or there is none and {@code next.serial()} is 1): nobody else wrote in between.
     */
    void write(DeployState next, String planJson, StateLock lock) throws IOException;

    /**
     * Records how far a deploy got ({@code partial.complete()} false) while it holds the lock, beside the
     * current document; {@link #write} clears it. A deploy that dies leaves it for {@code fsc status} and
     * for the next deploy to report.
     */
    void recordProgress(DeployState partial, StateLock lock) throws IOException;

    /**
     * The document the deploy of {@code serial} wrote (every one is kept, so any of them can be deployed again);
     * empty if no deploy wrote that serial.
     */
    Optional<DeployState> history(int serial) throws IOException;

    /** The name of the document of {@code serial} in the store's {@code history/} folder. */
    static String historyName(int serial) {
        return String.format("history/%06d.json", serial);
    }

    /** The progress record of a deploy that did not finish; empty if the last one finished. */
    Optional<DeployState> unfinished() throws IOException;

    /** Stores a file's content under its hash (idempotent); returns the hash. */
    String storeArtifact(String content) throws IOException;

    /** A stored artifact's content; empty if the store does not hold it. */
    Optional<String> artifact(String hash) throws IOException;

    /** Where it lives, for messages. */
    String location();
}
