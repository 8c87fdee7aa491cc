package dev.exitengine.journal;

import dev.exitengine.core.codec.DecisionCodec;
import dev.exitengine.core.event.Decision;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static dev.exitengine.core.codec.EventCodec.ORDER;

/**
 * Walks a journal's outputs record by record and can stop between two records of one document: what lets
 * {@link JournalReader#readInOrder} put each input's decisions right after it. The open document is read in
 * place (its context stays open until its last record is visited); each document's checksum is checked
 * when it is opened.
 */
final class OutputCursor implements AutoCloseable
{
    private final Path dir;
    private final ExcerptTailer tailer;
    private final boolean trailers;
    private final JournalTrailer.Crc crc = new JournalTrailer.Crc();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Decision decision = new Decision();
    private DocumentContext open;
    private int offset;
    private int length;
    /** Whether {@link #decision} holds the next record, decoded but not yet visited. */
    private boolean peeked;
    private boolean ended;
    private long count;

    OutputCursor(final Path dir, final ChronicleQueue outputs, final boolean trailers)
    {
        this(dir, outputs, trailers, Long.MAX_VALUE);
    }

    /** @param lastIndex the queue index of the last document to read (a snapshot's); later ones count as the end */
    OutputCursor(final Path dir, final ChronicleQueue outputs, final boolean trailers, final long lastIndex)
    {
        this.dir = dir;
        this.tailer = outputs.createTailer().toStart();
        this.trailers = trailers;
        this.lastIndex = lastIndex;
    }

    private final long lastIndex;

    /** Outputs visited so far. */
    long count()
    {
        return count;
    }

    /** Visits every output not yet visited whose input sequence is at most {@code seq}; returns how many. */
    long visitUpTo(final long seq, final JournalReader.OutputVisitor visitor)
    {
        long n = 0;
        while (peek() && decision.seq <= seq)
        {
            final int recordLength = view.getInt(offset, ORDER);
            peeked = false;
            count++;
            n++;
            visitor.onOutput(decision, view, offset, recordLength);
            offset += recordLength;
        }
        return n;
    }

    /** Decodes the next record into {@link #decision} (opening the next document when one is used up); false at the end. */
    private boolean peek()
    {
        if (peeked)
        {
            return true;
        }
        while (!ended && (open == null || offset >= length))
        {
            nextDocument();
        }
        if (ended)
        {
            return false;
        }
        final int recordLength = view.getInt(offset, ORDER);
        if (recordLength <= 5 || offset + recordLength > length)
        {
            throw new JournalDamagedException(dir, "outputs document after output #" + count + " has a corrupt record at offset " + offset);
        }
        try
        {
            DecisionCodec.decode(view, offset, decision);
        }
        catch (final RuntimeException ex)
        {
            throw new JournalDamagedException(dir, "output #" + (count + 1) + " does not decode: " + ex.getMessage());
        }
        peeked = true;
        return true;
    }

    private void nextDocument()
    {
        closeDocument();
        final DocumentContext dc = tailer.readingDocument();
        if (!dc.isPresent() || dc.index() > lastIndex)
        {
            dc.close();
            ended = true;
            return;
        }
        open = dc;
        final Bytes<?> bytes = dc.wire().bytes();
        final int docLength = (int)bytes.readRemaining();
        view.wrap(bytes.addressForRead(bytes.readPosition()), docLength);
        offset = 0;
        if (docLength >= 12 && view.getInt(0, ORDER) == ChronicleJournal.GAP_MARK)
        {
            final long dropped = view.getLong(4, ORDER);
            closeDocument();
            throw JournalReader.gap(dir, "outputs", count, dropped);
        }
        length = trailers ? docLength - JournalTrailer.OUTPUT_LENGTH : docLength;
        if (trailers && (length <= 0 || view.getInt(length, ORDER) != crc.of(view, 0, length)))
        {
            closeDocument();
            throw new JournalDamagedException(dir, "outputs document after output #" + count + " fails its checksum");
        }
    }

    private void closeDocument()
    {
        if (open != null)
        {
            open.close();
            open = null;
        }
    }

    @Override
    public void close()
    {
        closeDocument();
        tailer.close();
    }
}
