package dev.fsc.common.online;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A key → hash store holding feature tiles: one hash per (view, version, entity), one field per tile
 * ({@link OnlineKeys}). Writes are idempotent upserts of whole tile states, so replaying a stream
 * after a failure rewrites the same values instead of double counting.
 */
public interface OnlineStore extends AutoCloseable {

    /** Sets {@code fields} of the hash {@code key} and (re)starts its expiry at {@code ttlMillis} from now (0 = never). */
    void upsert(String key, Map<String, String> fields, long ttlMillis);

    /** Removes fields of a hash (a tile retracted by the stream). */
    void delete(String key, Collection<String> fields);

    /** Every field of a live hash; empty when the key is absent or expired. */
    Map<String, String> read(String key);

    /**
     * The hashes of several keys, in order ({@link #read} of each). A networked store answers them in one round
     * trip, so a request for many entities costs about one read, not one per entity.
     */
    default List<Map<String, String>> readAll(List<String> keys) {
        List<Map<String, String>> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(read(key));
        }
        return out;
    }

    /** Makes every write so far durable (called on each checkpoint). */
    void flush();

    @Override
    void close();
}
