package dev.fsc.compiler.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 content hashes, shortened to 16 hex digits (64 bits: plenty to tell versions of one project apart). */
final class Hashes {
    private Hashes() {
    }

    static String of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A hash of a sorted map: each entry as {@code key=value} on its own line, lengths included so no two maps collide by concatenation. */
    static String of(Map<String, String> sorted) {
        StringBuilder canonical = new StringBuilder();
        sorted.forEach((k, v) -> canonical.append(k.length()).append(':').append(k).append('=')
                .append(v.length()).append(':').append(v).append('\n'));
        return of(canonical.toString());
    }
}
