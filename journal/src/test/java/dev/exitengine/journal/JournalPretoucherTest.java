package dev.exitengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalPretoucherTest
{
    private static final int DOCS = 20_000;
    private static final int LENGTH = 200;

    @Test
    void pagesAheadOfTheWriterAreFaultedInWithoutChangingAByteWrittenOrAhead(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
        final long position;
        final long touchedTo;
        final File file;
        try (ChronicleJournal j = ChronicleJournal.create(journal))
        {
            assertNotNull(j.pretoucher());
            for (int d = 0; d < DOCS; d++)
            {
                fill(batch, d);
                j.appendInputs(batch, 0, LENGTH);
            }
            final JournalPretoucher.Track track = j.inputTrack();
            position = track.position();
            // the pre-toucher runs on its own: wait (bounded) until it stands a good way past the writer
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (track.touchedTo() < position + (1 << 20) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            touchedTo = track.touchedTo();
            assertTrue(touchedTo >= position + (1 << 20), "touched to " + touchedTo + ", writer at " + position);
            assertTrue(track.pages() > (position >> 12), "every page up to the writer and past it: " + track.pages());
            assertNull(j.pretoucher().lastError());
            file = newestCycleFile(journal.resolve(ChronicleJournal.INPUTS).toFile());
        }
        // ahead of the writer, the touched pages still hold nothing but zeros
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            final ByteBuffer ahead = ByteBuffer.allocate((int)Math.min(touchedTo - position, 8 << 20));
            ch.read(ahead, position);
            ahead.flip();
            while (ahead.hasRemaining())
            {
                if (ahead.get() != 0)
                {
                    throw new AssertionError("a byte ahead of the writer changed, at " + (position + ahead.position() - 1));
                }
            }
        }
        // and every document written reads back byte for byte
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(journal.resolve(ChronicleJournal.INPUTS)).rollCycle(ChronicleJournal.ROLL_CYCLE)
            .readOnly(true).build())
        {
            final ExcerptTailer tailer = q.createTailer();
            final UnsafeBuffer expected = new UnsafeBuffer(new byte[LENGTH]);
            final Bytes<?> read = Bytes.allocateElasticOnHeap(LENGTH);
            int d = 0;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    read.clear();
                    dc.wire().bytes().read(read);
                    assertEquals(LENGTH, read.readRemaining(), "document " + d);
                    fill(expected, d);
                    for (int i = 0; i < LENGTH; i++)
                    {
                        assertEquals(expected.getByte(i), read.readByte(i), "document " + d + ", byte " + i);
                    }
                    d++;
                }
            }
            assertEquals(DOCS, d);
        }
    }

    @Test
    void turnedOffThereIsNoThreadAndTheJournalStillWorks(@TempDir final Path dir) throws IOException
    {
        final boolean before = pretoucherThreadAlive();
        try (ChronicleJournal j = ChronicleJournal.create(dir.resolve("journal"), false))
        {
            assertNull(j.pretoucher());
            final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
            fill(batch, 7);
            j.appendInputs(batch, 0, LENGTH);
            assertEquals(0, j.inputTrack().pages());
            assertEquals(before, pretoucherThreadAlive(), "no pre-touch thread started");
        }
    }

    private static boolean pretoucherThreadAlive()
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("exit-engine-journal-pretouch") && t.isAlive());
    }

    private static void fill(final UnsafeBuffer b, final int doc)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            // never a zero byte, so a document can not pass for untouched space
            b.putByte(i, (byte)(1 + ((doc * 31 + i) % 250)));
        }
    }

    private static File newestCycleFile(final File queueDir)
    {
        File newest = null;
        for (final File f : queueDir.listFiles((d, n) -> n.endsWith(".cq4")))
        {
            if (newest == null || f.getName().compareTo(newest.getName()) > 0)
            {
                newest = f;
            }
        }
        assertNotNull(newest, "no cycle file in " + queueDir);
        return newest;
    }
}
