package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.Optional;

/**
 * The state store of an environment on S3 ({@code state: s3://bucket/prefix}, prod): the same objects as
 * {@link LocalStateStore}'s files. The lock is {@code lock.json} created with {@code If-None-Match: *}, so of
 * two deploys exactly one creates it; the document is replaced with {@code If-Match} on the ETag read before,
 * so a writer that lost the lock cannot overwrite a newer document. Artifacts are created if absent, never
 * replaced (their name is their content's hash).
 */
final class S3StateStore implements StateStore {
    private static final String LOCK = "lock.json";
    private static final String STATE = "state.json";
    private static final String PROGRESS = "progress.json";

    private final S3Objects objects;
    private final String location;

    S3StateStore(String location) throws S3Objects.UnreachableException {
        this.location = location;
        this.objects = S3Objects.open(location);
    }

    @Override
    public Optional<DeployState> read() throws IOException {
        return document(STATE);
    }

    @Override
    public Optional<DeployState> unfinished() throws IOException {
        return document(PROGRESS);
    }

    @Override
    public Optional<DeployState> history(int serial) throws IOException {
        return document(StateStore.historyName(serial));
    }

    private Optional<DeployState> document(String name) throws IOException {
        Optional<S3Objects.Stored> stored = objects.get(name);
        try {
            return stored.map(s -> DeployState.fromJson(s.content()));
        } catch (RuntimeException e) {
            throw new IOException("cannot read the deploy state " + objects.uri(name) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StateLock lock(String owner) throws IOException {
        LockRecord ours = LockRecord.ofThisProcess(owner);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (objects.putIfAbsent(LOCK, ours.toJson())) {
                return new ObjectLock(ours);
            }
            Optional<S3Objects.Stored> stored = objects.get(LOCK);
            if (stored.isEmpty()) {
                continue; // released meanwhile
            }
            Optional<LockRecord> held = LockRecord.parse(stored.get().content());
            if (held.isEmpty() || !held.get().holderIsGone()) {
                throw new StateLockedException(held.map(LockRecord::heldMessage)
                        .orElse("another deploy holds the lock of this environment (" + objects.uri(LOCK) + ")"));
            }
            objects.delete(LOCK); // its holder, a process of this host, is gone; the conditional create admits one racer
        }
        throw new StateLockedException("another deploy took the lock of this environment (" + objects.uri(LOCK) + ") meanwhile");
    }

    private void requireHeld(StateLock lock) throws IOException {
        if (!(lock instanceof ObjectLock held) || !objects.get(LOCK).map(S3Objects.Stored::content).equals(Optional.of(held.record().toJson()))) {
            throw new StateConflictException("the environment's lock (" + objects.uri(LOCK) + ") is not held by this deploy");
        }
    }

    @Override
    public void recordProgress(DeployState partial, StateLock lock) throws IOException {
        requireHeld(lock);
        objects.put(PROGRESS, partial.toJson());
    }

    @Override
    public void write(DeployState next, String planJson, StateLock lock) throws IOException {
        requireHeld(lock);
        Optional<S3Objects.Stored> current = objects.get(STATE);
        int serial = current.map(s -> DeployState.fromJson(s.content()).serial()).orElse(0);
        if (serial != next.serial() - 1) {
            throw new StateConflictException("the state of " + location + " is at serial " + serial + ", this deploy expected "
                    + (next.serial() - 1) + ": another deploy wrote it meanwhile");
        }
        String json = next.toJson();
        objects.put(StateStore.historyName(next.serial()), json);
        objects.put("plan.json", planJson);
        boolean written = current.isEmpty() ? objects.putIfAbsent(STATE, json) : objects.putIfMatch(STATE, json, current.get().etag());
        if (!written) {
            throw new StateConflictException("the state of " + location + " changed while this deploy wrote it: another deploy wrote it meanwhile");
        }
        objects.delete(PROGRESS);
    }

    @Override
    public String storeArtifact(String content) throws IOException {
        String hash = LocalStateStore.sha256(content);
        objects.putIfAbsent("artifacts/" + hash, content); // present already: the same content
        return hash;
    }

    @Override
    public Optional<String> artifact(String hash) throws IOException {
        return objects.get("artifacts/" + hash).map(S3Objects.Stored::content);
    }

    @Override
    public String location() {
        return location;
    }

    private final class ObjectLock implements StateLock {
        private final LockRecord record;

        ObjectLock(LockRecord record) {
            this.record = record;
        }

        LockRecord record() {
            return record;
        }

        @Override
        public String holder() {
            return record.holder();
        }

        @Override
        public void close() throws IOException {
            if (objects.get(LOCK).map(S3Objects.Stored::content).equals(Optional.of(record.toJson()))) {
                objects.delete(LOCK);
            }
        }
    }
}
