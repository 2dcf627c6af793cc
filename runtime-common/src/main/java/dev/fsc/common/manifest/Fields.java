package dev.fsc.common.manifest;

import dev.fsc.common.json.Json;
import dev.fsc.common.json.JsonException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, strict access to one parsed JSON object: every read names the field's JSON path in its
 * error, and {@link #done()} rejects keys nobody read (a typo in a hand-written manifest, or a
 * newer writer, fails loudly instead of being ignored).
 */
final class Fields {
    private final Map<String, Object> map;
    private final String path;
    private final Set<String> read = new java.util.HashSet<>();

    private Fields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** The top-level object of a manifest or result file. */
    static Fields root(String json) {
        try {
            return of(Json.parseObject(json), "");
        } catch (JsonException e) {
            throw new ManifestException("malformed JSON at " + e.getMessage(), e);
        }
    }

    static Fields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ManifestException(where(path) + "expected an object, found " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new Fields(typed, path);
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return "number " + v;
    }

    private Object required(String key) {
        read.add(key);
        if (!map.containsKey(key)) {
            throw new ManifestException(child(key) + ": missing required field");
        }
        return map.get(key);
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    String string(String key) {
        return asString(required(key), child(key));
    }

    Optional<String> optionalString(String key) {
        read.add(key);
        Object v = map.get(key);
        return v == null ? Optional.empty() : Optional.of(asString(v, child(key)));
    }

    String stringOr(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    long longValue(String key) {
        return asLong(required(key), child(key));
    }

    Optional<Long> optionalLong(String key) {
        read.add(key);
        Object v = map.get(key);
        return v == null ? Optional.empty() : Optional.of(asLong(v, child(key)));
    }

    BigDecimal decimal(String key) {
        Object v = required(key);
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new ManifestException(child(key) + ": expected a number, found " + describe(v));
    }

    int intValue(String key) {
        long v = longValue(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ManifestException(child(key) + ": number out of range: " + v);
        }
        return (int) v;
    }

    /** An array of strings; absent or null reads as empty. */
    List<String> strings(String key) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ManifestException(child(key) + ": expected an array of strings, found " + describe(v));
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(asString(list.get(i), child(key) + "[" + i + "]"));
        }
        return out;
    }

    /** An object of string values; absent or null reads as empty. */
    Map<String, String> stringMap(String key) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        Fields inner = Fields.of(v, child(key));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : inner.map.entrySet()) {
            out.put(e.getKey(), asString(e.getValue(), inner.child(e.getKey())));
        }
        return out;
    }

    /** An object of integer values; absent or null reads as empty. */
    Map<String, Long> longMap(String key) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        Fields inner = Fields.of(v, child(key));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : inner.map.entrySet()) {
            out.put(e.getKey(), asLong(e.getValue(), inner.child(e.getKey())));
        }
        return out;
    }

    Fields object(String key) {
        return Fields.of(required(key), child(key));
    }

    /** An array of objects; absent or null reads as empty. */
    List<Fields> objects(String key) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ManifestException(child(key) + ": expected an array of objects, found " + describe(v));
        }
        List<Fields> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(Fields.of(list.get(i), child(key) + "[" + i + "]"));
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String s = string(key);
        return parseEnum(s, type, child(key));
    }

    static <E extends Enum<E>> E parseEnum(String s, Class<E> type, String path) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.toString());
        }
        throw new ManifestException(path + ": expected one of " + String.join(", ", names) + ", found \"" + s + "\"");
    }

    String path() {
        return path;
    }

    /** Fails on any key that was never read. */
    void done() {
        for (String key : map.keySet()) {
            if (!read.contains(key)) {
                throw new ManifestException(child(key) + ": unknown field");
            }
        }
    }

    private static String asString(Object v, String path) {
        if (v instanceof String s) {
            return s;
        }
        throw new ManifestException(path + ": expected a string, found " + describe(v));
    }

    private static long asLong(Object v, String path) {
        if (v instanceof Long l) {
            return l;
        }
        throw new ManifestException(path + ": expected an integer, found " + describe(v));
    }
}
