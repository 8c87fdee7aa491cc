package dev.exitengine.core.api;

import org.agrona.DirectBuffer;

/**
 * Where an engine's periodic snapshots go (a journal's snapshot folder). The engine hands over a snapshot
 * on the thread that publishes, on a quiet engine; the store writes it elsewhere, so the ingress is held
 * only while the state is copied into memory.
 */
public interface SnapshotStore
{
    /** Whether the snapshot handed over last is still being written: its bytes are not free yet. */
    boolean busy();

    /**
     * A snapshot of the state after input #{@code seq}. {@code state} must stay untouched, and is, until
     * {@link #busy()} is false again. Called on a quiet engine: what the journal holds now is exactly the
     * inputs up to {@code seq} and their outputs.
     */
    void save(long seq, DirectBuffer state, int length);
}
