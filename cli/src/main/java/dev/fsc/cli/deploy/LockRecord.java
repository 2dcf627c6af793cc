package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an environment's lock says about its holder ({@code lock.json}: owner, host, pid, since), the same in
 * every state store.
 */
record LockRecord(String owner, String host, long pid, String since) {
    /** The record of a lock this process takes for {@code owner}. */
    static LockRecord ofThisProcess(String owner) {
        return new LockRecord(owner, LocalStateStore.hostName(), ProcessHandle.current().pid(), java.time.Instant.now().toString());
    }

    String toJson() {
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("owner", owner);
        lock.put("host", host);
        lock.put("pid", pid);
        lock.put("since", since);
        return Json.write(lock) + "\n";
    }

    /** The record in a lock file's text; empty if it is unreadable (being written, or damaged). */
    static Optional<LockRecord> parse(String json) {
        try {
            Map<String, Object> lock = Json.parseObject(json);
            return Optional.of(new LockRecord(String.valueOf(lock.get("owner")), String.valueOf(lock.get("host")),
                    lock.get("pid") instanceof Number n ? n.longValue() : -1, String.valueOf(lock.get("since"))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** {@code user@host (pid N on host, since T)}, for messages. */
    String holder() {
        return owner + " (pid " + pid + " on " + host + ", since " + since + ")";
    }

    /** Its holder is provably gone: a process of this host that no longer runs. Other hosts' locks a person clears. */
    boolean holderIsGone() {
        return LocalStateStore.hostName().equals(host) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).map(alive -> !alive).orElse(true);
    }

    /** The message of a deploy that found the lock held. */
    String heldMessage() {
        return "another deploy holds the lock of this environment: " + holder();
    }
}
