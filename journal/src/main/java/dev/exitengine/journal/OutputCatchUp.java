package dev.exitengine.journal;

import dev.exitengine.core.codec.DecisionLayout;
import dev.exitengine.core.codec.EventCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A resumed run's outputs against the journal's: while the engine re-reads the journal, the decisions it
 * makes again must be the journal's, byte for byte, in order; once the journal's run out, the rest are the
 * outputs a crash left unwritten and are appended. Used from the close-order handler's thread only.
 */
final class OutputCatchUp
{
    private final Path dir;
    private final ChronicleQueue outputs;
    private ExcerptTailer tailer;
    /** The journal's outputs not yet matched: the current document's records, from {@link #at} to {@link #end}. */
    private final byte[] noBytes = new byte[0];
    private byte[] doc = noBytes;
    private int at;
    private int end;
    private boolean exhausted;
    private final JournalTrailer.Crc crc = new JournalTrailer.Crc();
    private long matched;
    /** A resume from a snapshot: the journal's outputs up to this document are the snapshot's; -1: compare from the start. */
    private volatile long startAfterIndex = -1;

    OutputCatchUp(final Path dir, final ChronicleQueue outputs)
    {
        this.dir = dir;
        this.outputs = outputs;
    }

    /**
     * Compares a batch of the re-run's output records with the journal's next ones.
     *
     * @return how many of its bytes the journal holds already (the rest are to be appended)
     */
    int compare(final DirectBuffer buffer, final int offset, final int length)
    {
        int done = 0;
        while (done < length)
        {
            if (at == end && !nextDocument())
            {
                return done;
            }
            final int recordLength = buffer.getInt(offset + done + DecisionLayout.LENGTH_OFFSET, EventCodec.ORDER);
            if (recordLength <= 0 || done + recordLength > length || at + recordLength > end)
            {
                throw differs("its record boundaries differ");
            }
            for (int i = 0; i < recordLength; i++)
            {
                if (buffer.getByte(offset + done + i) != doc[at + i])
                {
                    throw differs("the re-run decided otherwise");
                }
            }
            at += recordLength;
            done += recordLength;
            matched++;
        }
        return done;
    }

    /** The re-run is done: the journal must hold no output it did not make again. */
    void finish()
    {
        if (at < end || nextDocument())
        {
            throw differs("the re-run ended without making it");
        }
        if (tailer != null)
        {
            tailer.close();
        }
    }

    private IllegalStateException differs(final String why)
    {
        return new IllegalStateException("resume: the journal " + dir + "'s output #" + (matched + 1) + " cannot be made again ("
            + why + "): the journal was written by another engine version or configuration; replay it instead");
    }

    /** Compares from the document after {@code index} on (a snapshot holds the outputs up to it); before the first compare. */
    void startAfter(final long index)
    {
        startAfterIndex = index;
    }

    private boolean nextDocument()
    {
        if (exhausted)
        {
            return false;
        }
        if (tailer == null)
        {
            tailer = outputs.createTailer().toStart();
            final long after = startAfterIndex;
            if (after >= 0)
            {
                if (!tailer.moveToIndex(after))
                {
                    throw new IllegalStateException("resume: the journal " + dir + " has no outputs document at index " + after
                        + ", where its snapshot says its outputs stood");
                }
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        throw new IllegalStateException("resume: the journal " + dir + "'s outputs document at index " + after
                            + " cannot be read");
                    }
                }
            }
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                exhausted = true;
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            final UnsafeBuffer view = new UnsafeBuffer(bytes.addressForRead(bytes.readPosition()), length);
            if (length >= 12 && view.getInt(0, EventCodec.ORDER) == ChronicleJournal.GAP_MARK)
            {
                throw new IllegalStateException("resume: the journal " + dir + " has a gap after output #" + matched
                    + " (journaling stopped there): it cannot be resumed past it; replay it up to there instead");
            }
            final int records = length - JournalTrailer.OUTPUT_LENGTH;
            if (records < 0 || view.getInt(records, EventCodec.ORDER) != crc.of(view, 0, records))
            {
                throw new IllegalStateException("resume: the journal " + dir + "'s outputs document after output #" + matched
                    + " fails its checksum");
            }
            doc = new byte[records];
            view.getBytes(0, doc);
            at = 0;
            end = records;
            return true;
        }
    }
}
