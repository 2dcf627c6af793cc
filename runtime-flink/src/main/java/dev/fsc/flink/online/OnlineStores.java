package dev.fsc.flink.online;

import dev.fsc.common.online.OnlineStore;

import java.net.URI;
import java.nio.file.Path;

/** Opens the store a URI names: {@code redis://host:port[/db]} or {@code embedded:<dir>}. */
public final class OnlineStores {
    private OnlineStores() {
    }

    /** @param writer identifies this writer among concurrent ones (the embedded store keeps one log each) */
    public static OnlineStore open(String uri, String writer) {
        if (uri.startsWith("redis://") || uri.startsWith("rediss://")) {
            return new RedisOnlineStore(URI.create(uri));
        }
        if (uri.startsWith("embedded:")) {
            return new EmbeddedOnlineStore(Path.of(uri.substring("embedded:".length())), writer);
        }
        throw new IllegalArgumentException("online store \"" + uri + "\": expected redis://host:port[/db] or embedded:<dir>");
    }
}
