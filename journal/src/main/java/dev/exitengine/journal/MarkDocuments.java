package dev.exitengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static dev.exitengine.core.codec.EventCodec.ORDER;

/**
 * The journal's documents that hold no records: the header that opens the inputs (its mark, the format version
 * and the configuration's text) and the gap marker written where journaling resumed after documents were lost
 * ({@link ChronicleJournal#GAP_MARK}, with how many). Each ends in its CRC-32C, as every document does.
 */
final class MarkDocuments
{
    private MarkDocuments()
    {
    }

    static byte[] header(final int formatVersion, final String configuration)
    {
        final byte[] text = configuration.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[ChronicleJournal.HEADER_TEXT_OFFSET + text.length]);
        b.putInt(ChronicleJournal.HEADER_MARK_OFFSET, ChronicleJournal.HEADER_MARK, ORDER);
        b.putInt(ChronicleJournal.HEADER_VERSION_OFFSET, formatVersion, ORDER);
        b.putInt(ChronicleJournal.HEADER_TEXT_LENGTH_OFFSET, text.length, ORDER);
        b.putBytes(ChronicleJournal.HEADER_TEXT_OFFSET, text);
        return b.byteArray();
    }

    /** {@code dropped} documents (so far, in all) are missing before the next one. */
    static byte[] gap(final long dropped)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[12]);
        b.putInt(0, ChronicleJournal.GAP_MARK, ORDER);
        b.putLong(4, dropped, ORDER);
        return b.byteArray();
    }

    /** Appends the document, then its checksum. */
    static void write(final ExcerptAppender appender, final byte[] doc)
    {
        final int crc = new JournalTrailer.Crc().of(new UnsafeBuffer(doc), 0, doc.length);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.write(doc);
            bytes.writeInt(crc);
        }
    }
}
