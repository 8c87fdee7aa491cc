package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The journal handler: encodes each input into a batch buffer and appends the batch as one journal
 * document at the end of the Disruptor's batch (or when the batch buffer fills), so the journal costs
 * one append per batch rather than per event, and a tick after the batch's first event takes 10 to 15
 * bytes rather than 50 (its compact record carries differences from the event before). Names new to
 * the journal precede the first event using them. Downstream handlers see an event only after the
 * batch holding it was appended.
 */
public final class JournalHandler implements EventHandler<EngineEvent>
{
    private static final int FLUSH_AT = 60 * 1024;

    private final JournalPort journal;
    private final Names names;
    private final EngineCounters counters;
    private final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(64 * 1024);
    private final int[] journaledNames = new int[Names.Kind.values().length];
    /** Where the document being filled stands: a tick after another event is written compact (see {@link EventCodec}). */
    private final EventCodec.Cursor doc = new EventCodec.Cursor();
    private int length;
    private final boolean enabled;
    /** The thread the journal is written from, once the consumers start; idle work is done only there. */
    private volatile Thread owner;

    public JournalHandler(final JournalPort journal, final Names names, final EngineCounters counters)
    {
        this.journal = journal;
        this.enabled = journal.recordsInputs();
        this.names = names;
        this.counters = counters;
    }

    /** Events encoded into the batch not yet appended. */
    private int batchEvents;
    /** The feed line of the newest feed input encoded, and how many of that line's inputs (see {@link JournalPort#feedPosition}). */
    private long feedLine;
    private int inputsOfLine;
    /**
     * While a resumed run re-reads its journal: the inputs are there already, so nothing is encoded
     * (set by the thread that starts the engine, read by the journaling thread).
     */
    private volatile boolean recovering;

    @Override
    public void onEvent(final EngineEvent e, final long sequence, final boolean endOfBatch)
    {
        append(e);
        if (endOfBatch || length >= FLUSH_AT)
        {
            flush();
        }
    }

    /** Encodes the event into the current batch without flushing. */
    public void append(final EngineEvent e)
    {
        if (!enabled || recovering)
        {
            return;
        }
        if (e.feedLine != 0)
        {
            if (e.feedLine == feedLine)
            {
                inputsOfLine++;
            }
            else
            {
                feedLine = e.feedLine;
                inputsOfLine = 1;
            }
        }
        newNames(Names.Kind.SYMBOL, e.symbolId);
        newNames(Names.Kind.ACCOUNT, e.accountId);
        newNames(Names.Kind.PROFILE, e.profileId);
        if (e.type == dev.exitengine.core.event.EventType.POSITION_SNAPSHOT)
        {
            for (final int symbolId : e.snapshot().symbolIds)
            {
                newNames(Names.Kind.SYMBOL, symbolId);
            }
        }
        batch.checkLimit(length + EventCodec.maxLength(e));
        length += EventCodec.encode(batch, length, e, doc);
        batchEvents++;
    }

    private void newNames(final Names.Kind kind, final int id)
    {
        final int k = kind.ordinal();
        while (id >= journaledNames[k])
        {
            final int next = journaledNames[k];
            final String name = names.name(kind, next);
            batch.checkLimit(length + 16 + 4 * name.length());
            length += EventCodec.encodeName(batch, length, kind, next, name);
            journaledNames[k] = next + 1;
        }
    }

    /** Whether the batch so far is as long as a document should be: flush it. */
    boolean isFull()
    {
        return length >= documentBytes;
    }

    /**
     * How long a document may grow before {@link #isFull}: a batch a caller holds open is journaled in smaller
     * documents than a Disruptor batch, so the one that must go out before a close is short.
     */
    void documentBytes(final int bytes)
    {
        documentBytes = Math.min(bytes, FLUSH_AT);
    }

    private int documentBytes = FLUSH_AT;

    /** Appends the batch so far as one document. */
    public void flush()
    {
        if (length > 0)
        {
            journal.feedPosition(feedLine, inputsOfLine);
            journal.appendInputs(batch, 0, length);
            counters.increment(Counter.JOURNAL_BATCHES);
            counters.add(Counter.INPUTS_JOURNALED, batchEvents);
            batchEvents = 0;
            length = 0;
            doc.reset();
        }
    }

    /**
     * A resumed run: the journal holds inputs up to here already. Until {@link #endRecovery} nothing is
     * journaled; then journaling goes on with the names the journal has and from the feed position it
     * recorded last.
     */
    void startRecovery()
    {
        recovering = true;
    }

    /** Called when the re-run is quiet: the names known now are all in the journal (the re-run read them from it). */
    void endRecovery(final long lastFeedLine, final int lastInputsOfLine)
    {
        for (final Names.Kind kind : Names.Kind.values())
        {
            journaledNames[kind.ordinal()] = names.size(kind);
        }
        feedLine = lastFeedLine;
        inputsOfLine = lastInputsOfLine;
        recovering = false;
    }

    @Override
    public void onStart()
    {
        owner = Thread.currentThread();
    }

    /**
     * The journal's housekeeping ({@link JournalPort#idleWork}), one piece, when called on the thread
     * that writes the journal; elsewhere nothing. Called between events, never within a batch.
     */
    public int idleWork()
    {
        return Thread.currentThread() == owner ? journal.idleWork() : 0;
    }

    @Override
    public void onShutdown()
    {
        flush();
    }

    /** The names the journal holds and the feed position it recorded last (read on a quiet engine). */
    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x4A524E4C); // "JRNL"
        w.putInts(journaledNames);
        w.putLong(feedLine);
        w.putInt(inputsOfLine);
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x4A524E4C, "journal handler");
        final int[] names = r.getInts();
        System.arraycopy(names, 0, journaledNames, 0, Math.min(names.length, journaledNames.length));
        feedLine = r.getLong();
        inputsOfLine = r.getInt();
    }

    /**
     * How many names of each kind the journal holds (read on a quiet engine); without a journal, every name known
     * (nothing is journaled, so nothing can be missing from one).
     */
    int[] journaledNames()
    {
        if (!enabled)
        {
            final int[] all = new int[journaledNames.length];
            for (final Names.Kind kind : Names.Kind.values())
            {
                all[kind.ordinal()] = names.size(kind);
            }
            return all;
        }
        return journaledNames.clone();
    }

    long feedLine()
    {
        return feedLine;
    }

    int inputsOfLine()
    {
        return inputsOfLine;
    }
}
