package dev.fsc.cli.deploy;

import java.io.IOException;

/** A held environment lock; closing it releases the lock. */
public interface StateLock extends AutoCloseable {
    /** Who holds it, as written in the lock ({@code user@host pid N since T}). */
    String holder();

    @Override
    void close() throws IOException;
}
