package dev.fsc.common.online;

import java.util.List;
import java.util.StringJoiner;

/**
 * The key layout of the online store: hash {@code fsc:<view>:<version>:<k1>[|<k2>...]}, field
 * {@code <tile millis>@<tile_start epoch millis>}. The version (the view's plan fingerprint) makes a
 * breaking change write new keys; the tile size in the field lets a view's tile tables of different
 * sizes share the entity's hash, so one read fetches every tile of the entity.
 */
public final class OnlineKeys {
    private OnlineKeys() {
    }

    /** The hash key of one entity of a view. Key values are written with {@link String#valueOf}; NULL as empty. */
    public static String entity(String view, String version, List<?> keyValues) {
        StringJoiner keys = new StringJoiner("|");
        for (Object v : keyValues) {
            keys.add(v == null ? "" : String.valueOf(v));
        }
        return "fsc:" + view + ":" + version + ":" + keys;
    }

    /** The field of one tile. */
    public static String field(long tileMillis, long tileStartMillis) {
        return tileMillis + "@" + tileStartMillis;
    }

    /** The tile size of a field written by {@link #field}. */
    public static long tileMillisOf(String field) {
        return Long.parseLong(field.substring(0, at(field)));
    }

    /** The tile start of a field written by {@link #field}. */
    public static long tileStartOf(String field) {
        return Long.parseLong(field.substring(at(field) + 1));
    }

    private static int at(String field) {
        int at = field.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an fsc tile field: \"" + field + "\"");
        }
        return at;
    }
}
