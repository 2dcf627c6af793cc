package dev.fsc.flink.online;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.OnlineStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code local} environment's online store: no server, a folder of append-only logs, one per
 * writer (sink subtask), {@code segment-<writer>.log}, one line per field write:
 * {@code [key, field, value|null(delete), expireAt millis|0, sequence]}. A read replays every segment
 * and keeps, per field, the write with the greatest sequence (a writer's wall-clock microseconds, then
 * its line order), so keys that move between writers after a rescale still resolve to the latest write.
 * Across writers that order is the wall clock's: in Flink a key moves between writers only at a restart.
 * A torn last line (a killed writer) is cut off when the writer reopens and ignored by readers.
 */
public final class EmbeddedOnlineStore implements OnlineStore {
    private final Path dir;
    private final String writer;
    private FileChannel out;
    private final StringBuilder pending = new StringBuilder();
    private long lastSequence;

    /** @param writer a name unique among concurrent writers of {@code dir} (e.g. the subtask index) */
    public EmbeddedOnlineStore(Path dir, String writer) {
        this.dir = dir;
        this.writer = writer;
    }

    @Override
    public void upsert(String key, Map<String, String> fields, long ttlMillis) {
        long expireAt = ttlMillis > 0 ? System.currentTimeMillis() + ttlMillis : 0;
        long now = wallClockMicros();
        new TreeMap<>(fields).forEach((field, value) -> append(key, field, value, expireAt, now));
    }

    @Override
    public void delete(String key, Collection<String> fields) {
        long now = wallClockMicros();
        fields.forEach(field -> append(key, field, null, 0, now));
    }

    private static long wallClockMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private void append(String key, String field, String value, long expireAt, long nowMicros) {
        long sequence = Math.max(nowMicros, lastSequence + 1); // strictly increasing per writer
        lastSequence = sequence;
        pending.append('[').append(Json.quote(key)).append(',').append(Json.quote(field)).append(',')
                .append(value == null ? "null" : Json.quote(value)).append(',').append(expireAt)
                .append(',').append(sequence).append("]\n");
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            FileChannel channel = channel();
            ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            pending.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded online store " + dir + ": cannot write", e);
        }
    }

    private FileChannel channel() throws IOException {
        if (out == null) {
            Files.createDirectories(dir);
            Path segment = dir.resolve("segment-" + writer + ".log");
            out = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            out.truncate(endOfLastCompleteLine(segment));
            out.position(out.size());
        }
        return out;
    }

    private static long endOfLastCompleteLine(Path segment) throws IOException {
        byte[] all = Files.readAllBytes(segment);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    @Override
    public Map<String, String> read(String key) {
        Map<String, Object[]> latest = new HashMap<>(); // field -> [value, expireAt, sequence]
        long now = System.currentTimeMillis();
        long keyExpireAt = 0;
        long keyExpireSeq = -1;
        for (List<Object> w : writes()) {
            if (!key.equals(w.get(0))) {
                continue;
            }
            long seq = (Long) w.get(4);
            Object[] prev = latest.get((String) w.get(1));
            if (prev == null || (Long) prev[1] < seq) {
                latest.put((String) w.get(1), new Object[] {w.get(2), seq});
            }
            if (w.get(2) != null && seq > keyExpireSeq) { // EXPIRE applies to the whole hash, as in Redis
                keyExpireSeq = seq;
                keyExpireAt = (Long) w.get(3);
            }
        }
        Map<String, String> out = new TreeMap<>();
        if (keyExpireAt != 0 && keyExpireAt <= now) {
            return out;
        }
        latest.forEach((field, v) -> {
            if (v[0] != null) {
                out.put(field, (String) v[0]);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> writes() {
        List<List<Object>> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n') + 1; // a torn last line is not a write
                for (String line : text.substring(0, end).split("\n")) {
                    if (!line.isEmpty()) {
                        all.add((List<Object>) Json.parse(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded online store " + dir + ": cannot read", e);
        }
        return all;
    }

    @Override
    public void close() {
        try {
            flush();
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
