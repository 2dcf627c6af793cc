package dev.fsc.flink.online;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedOnlineStoreTest {

    @Test
    void latestWriteWinsAcrossWritersAndDeletesRemoveFields(@TempDir Path dir) throws InterruptedException {
        try (EmbeddedOnlineStore w0 = new EmbeddedOnlineStore(dir, "0"); EmbeddedOnlineStore w1 = new EmbeddedOnlineStore(dir, "1")) {
            w0.upsert("k", Map.of("f1", "a", "f2", "b"), 0);
            w0.flush();
            Thread.sleep(2); // across writers, later means later on the wall clock (a rescale restarts the job)
            w1.upsert("k", Map.of("f1", "c"), 0);
            w1.delete("k", List.of("f2"));
            w1.flush();
            assertEquals(Map.of("f1", "c"), new EmbeddedOnlineStore(dir, "r").read("k"));
            assertTrue(w0.read("other").isEmpty());
        }
    }

    @Test
    void expiredHashesAreAbsentAndUnflushedWritesInvisible(@TempDir Path dir) throws Exception {
        try (EmbeddedOnlineStore w = new EmbeddedOnlineStore(dir, "0")) {
            w.upsert("k", Map.of("f", "v"), 1);
            w.flush();
            Thread.sleep(5);
            assertTrue(w.read("k").isEmpty());
            w.upsert("live", Map.of("f", "v"), 0);
            assertTrue(w.read("live").isEmpty(), "not flushed yet");
        }
    }

    @Test
    void aTornLastLineOfAKilledWriterIsIgnoredAndCutOnReopen(@TempDir Path dir) throws Exception {
        try (EmbeddedOnlineStore w = new EmbeddedOnlineStore(dir, "0")) {
            w.upsert("k", Map.of("f", "v1"), 0);
        }
        Path segment = dir.resolve("segment-0.log");
        Files.writeString(segment, "[\"k\",\"f\",\"tor", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(Map.of("f", "v1"), new EmbeddedOnlineStore(dir, "r").read("k"));
        try (EmbeddedOnlineStore w = new EmbeddedOnlineStore(dir, "0")) {
            w.upsert("k", Map.of("g", "v2"), 0);
        }
        assertEquals(Map.of("f", "v1", "g", "v2"), new EmbeddedOnlineStore(dir, "r").read("k"));
    }
}
