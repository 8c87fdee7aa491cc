package dev.exitengine.core.api;

import org.agrona.DirectBuffer;

/**
 * The port to the journal. Inputs and outputs arrive as batches of records in the layouts of
 * {@link dev.exitengine.core.codec.EventCodec} and {@link dev.exitengine.core.codec.DecisionCodec};
 * an implementation appends each batch as one document. {@link #appendInputs} is called by the journal
 * handler only, {@link #appendOutputs} by the close-order handler only.
 */
public interface JournalPort extends AutoCloseable
{
    /** Written once, before the first input: format version and the run's configuration. */
    void writeHeader(int formatVersion, String configuration);

    void appendInputs(DirectBuffer buffer, int offset, int length);

    /**
     * How far the feed had been read with the batch {@link #appendInputs} is about to append: its last
     * input from a feed came from {@code line}, the {@code inputsOfLine}-th of that line's inputs (a line
     * may give several). A resumed run goes on from there. Called by the journal handler before each batch.
     */
    default void feedPosition(final long line, final int inputsOfLine)
    {
    }

    void appendOutputs(DirectBuffer buffer, int offset, int length);

    @Override
    void close();

    /**
     * Housekeeping the journal can do on its writing thread while that thread has nothing else to do
     * (faulting in pages ahead of the writer, say): one small, bounded piece per call. The engine calls
     * it between events on the journaling thread only.
     *
     * @return how much was done; 0 when nothing is due
     */
    default int idleWork()
    {
        return 0;
    }

    /**
     * Called once when the engine stops cleanly, after the last input was evaluated: the evaluator's final
     * state hash, which {@code replay --verify} compares with its own (a journal without it was written
     * before the hash existed, or by an engine that did not stop cleanly).
     */
    default void recordFinalState(final long stateHash)
    {
    }

    /**
     * Why the journal is not writing now (a full disk, a failed write), or null while it is: the engine goes
     * on deciding, and /health says so.
     */
    default String failure()
    {
        return null;
    }

    /** Whether inputs are kept: when not, the journal handler does not even encode them. */
    default boolean recordsInputs()
    {
        return true;
    }

    /** No journal: nothing is kept (benchmarks of the bare pipeline, embedded use without replay). */
    JournalPort NONE = new Discarding(false);

    /**
     * Keeps nothing. With {@code recordsInputs} it still says it records inputs, so the journal handler encodes
     * them as for a journal and throws the documents away (what encoding costs: the benchmarks' {@code InputCost}).
     */
    final class Discarding implements JournalPort
    {
        private final boolean recordsInputs;

        public Discarding(final boolean recordsInputs)
        {
            this.recordsInputs = recordsInputs;
        }

        @Override
        public void writeHeader(final int formatVersion, final String configuration)
        {
        }

        @Override
        public void appendInputs(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void appendOutputs(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean recordsInputs()
        {
            return recordsInputs;
        }
    }
}
