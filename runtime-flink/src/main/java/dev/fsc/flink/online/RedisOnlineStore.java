package dev.fsc.flink.online;

import dev.fsc.common.online.OnlineStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The production online store: one Redis hash per (view, version, entity), tiles as fields,
 * {@code PEXPIRE ttl} refreshed on every write. Writes of a batch go through one pipeline
 * ({@link #upsert} queues, {@link #flush} sends), so a flush is one round trip.
 */
public final class RedisOnlineStore implements OnlineStore {
    private final RedisClient client;
    private AbstractPipeline pipeline;

    /** @param uri {@code redis://host:port[/db]} */
    public RedisOnlineStore(URI uri) {
        this.client = RedisClient.create(uri);
    }

    @Override
    public void upsert(String key, Map<String, String> fields, long ttlMillis) {
        AbstractPipeline p = pipeline();
        p.hset(key, fields);
        if (ttlMillis > 0) {
            p.pexpire(key, ttlMillis);
        }
    }

    @Override
    public void delete(String key, Collection<String> fields) {
        pipeline().hdel(key, fields.toArray(String[]::new));
    }

    @Override
    public Map<String, String> read(String key) {
        return client.hgetAll(key);
    }

    /** One pipeline of {@code HGETALL}s: one round trip for every key (a separate pipeline from pending writes). */
    @Override
    public List<Map<String, String>> readAll(List<String> keys) {
        List<Response<Map<String, String>>> replies = new ArrayList<>(keys.size());
        try (AbstractPipeline reads = client.pipelined()) {
            for (String key : keys) {
                replies.add(reads.hgetAll(key));
            }
            reads.sync();
        }
        List<Map<String, String>> out = new ArrayList<>(keys.size());
        for (Response<Map<String, String>> reply : replies) {
            out.add(reply.get());
        }
        return out;
    }

    @Override
    public void flush() {
        if (pipeline != null) {
            pipeline.sync();
            pipeline.close();
            pipeline = null;
        }
    }

    private AbstractPipeline pipeline() {
        if (pipeline == null) {
            pipeline = client.pipelined();
        }
        return pipeline;
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            client.close();
        }
    }
}
