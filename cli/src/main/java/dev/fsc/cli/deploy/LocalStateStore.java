package dev.fsc.cli.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A state store in a folder (the {@code local} environment's {@code .fsc/state/local}, or any path an
 * environment names): {@code state.json}, {@code plan.json} (what {@code fsc plan --env} reads),
 * {@code history/<serial>.json} (every document ever written), {@code artifacts/<sha256>} and
 * {@code lock.json}. Files are replaced by atomic renames, so a reader never sees half a document;
 * the lock is a file created exclusively, so two deploys cannot both hold it.
 */
public final class LocalStateStore implements StateStore {
    private final Path dir;

    public LocalStateStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public Optional<DeployState> read() throws IOException {
        return readDocument(dir.resolve("state.json"));
    }

    @Override
    public Optional<DeployState> unfinished() throws IOException {
        return readDocument(dir.resolve("progress.json"));
    }

    @Override
    public Optional<DeployState> history(int serial) throws IOException {
        return readDocument(dir.resolve(StateStore.historyName(serial)));
    }

    @Override
    public void recordProgress(DeployState partial, StateLock lock) throws IOException {
        requireHeld(lock);
        replace(dir.resolve("progress.json"), partial.toJson());
    }

    private static void requireHeld(StateLock lock) throws StateConflictException {
        if (!(lock instanceof FileLock held) || !Files.exists(held.file)) {
            throw new StateConflictException("the environment's lock is not held by this deploy");
        }
    }

    private static Optional<DeployState> readDocument(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeployState.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IOException("cannot read the deploy state " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StateLock lock(String owner) throws IOException {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve("lock.json");
        LockRecord ours = LockRecord.ofThisProcess(owner);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(lockFile, ours.toJson(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new FileLock(lockFile, ours.holder());
            } catch (FileAlreadyExistsException held) {
                if (!takeOverIfHolderIsGone(lockFile)) {
                    throw new StateLockedException(describeHolder(lockFile));
                }
            }
        }
        throw new StateLockedException(describeHolder(lockFile));
    }

    /** A lock of a process on this host that no longer runs is stale: move it aside (one racer wins). */
    private boolean takeOverIfHolderIsGone(Path lockFile) throws IOException {
        Optional<LockRecord> lock;
        try {
            lock = LockRecord.parse(Files.readString(lockFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException released) {
            return true;
        }
        if (lock.isEmpty() || !lock.get().holderIsGone()) {
            return false; // alive, another host's, or unreadable: a person decides
        }
        try {
            Files.move(lockFile, dir.resolve("lock.stale-" + lock.get().pid() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException otherRacerWon) {
            // fine: try to create ours
        }
        return true;
    }

    private String describeHolder(Path lockFile) {
        try {
            return LockRecord.parse(Files.readString(lockFile, StandardCharsets.UTF_8)).map(LockRecord::heldMessage)
                    .orElse("another deploy holds the lock of this environment (" + lockFile + ")");
        } catch (IOException e) {
            return "another deploy holds the lock of this environment (" + lockFile + ")";
        }
    }

    @Override
    public void write(DeployState next, String planJson, StateLock lock) throws IOException {
        requireHeld(lock);
        int current = read().map(DeployState::serial).orElse(0);
        if (current != next.serial() - 1) {
            throw new StateConflictException("the state of " + dir + " is at serial " + current + ", this deploy expected "
                    + (next.serial() - 1) + ": another deploy wrote it meanwhile");
        }
        Path history = dir.resolve(StateStore.historyName(next.serial()));
        Files.createDirectories(history.getParent());
        String json = next.toJson();
        replace(history, json);
        replace(dir.resolve("plan.json"), planJson);
        replace(dir.resolve("state.json"), json); // the document is what says the write happened
        Files.deleteIfExists(dir.resolve("progress.json"));
    }

    @Override
    public String storeArtifact(String content) throws IOException {
        String hash = sha256(content);
        Path file = dir.resolve("artifacts").resolve(hash);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            replace(file, content);
        }
        return hash;
    }

    @Override
    public Optional<String> artifact(String hash) throws IOException {
        Path file = dir.resolve("artifacts").resolve(hash);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public String location() {
        return dir.toString();
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Writes a sibling temporary file, then renames it over {@code file}: readers see old or new, whole. */
    static void replace(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private record FileLock(Path file, String holder) implements StateLock {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
