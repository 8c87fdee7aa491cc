package dev.exitengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Where one of a journal's queues ends: the queue index of its last document and that document's trailer
 * checksum (what identifies it), read from the queue. A snapshot names the documents it stands on with these.
 */
final class LastDocument
{
    private final long index;
    private final int crc;

    /** The queue's last document as the queue holds it now (-1 and 0: none). */
    LastDocument(final ChronicleQueue queue)
    {
        final long last = queue.lastIndex();
        index = last < 0 ? -1 : last;
        crc = lastCrcOf(queue);
    }

    long index()
    {
        return index;
    }

    int crc()
    {
        return crc;
    }

    private static int lastCrcOf(final ChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return 0;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long n = bytes.readRemaining();
                return n < 4 ? 0 : bytes.readInt(bytes.readPosition() + n - 4);
            }
        }
    }
}
