package dev.exitengine.journal;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.num.Fixed;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

    @ParameterizedTest
    @EnumSource(value = ChronicleJournal.Pretouch.class, names = {"IDLE", "THREAD"})
    void pagesAheadOfTheWriterAreFaultedInWithoutChangingAByteWrittenOrAhead(final ChronicleJournal.Pretouch mode, @TempDir final Path dir)
        throws Exception
    {
        final Path journal = dir.resolve("journal");
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
        final long position;
        final long touchedTo;
        final File file;
        final boolean idle = mode == ChronicleJournal.Pretouch.IDLE;
        try (ChronicleJournal j = ChronicleJournal.create(journal, mode))
        {
            assertNotNull(j.pretoucher());
            assertEquals(!idle, j.pretoucher().threaded());
            assertEquals(!idle, pretoucherThreadAlive(), "a thread of its own only when threaded");
            for (int d = 0; d < DOCS; d++)
            {
                fill(batch, d);
                j.appendInputs(batch, 0, LENGTH);
                if (idle && d % 3 == 0)
                {
                    // as the engine's journaling thread does when it runs out of events: at most a page a track
                    assertTrue(j.idleWork() <= 2);
                }
            }
            final JournalPretoucher.Track track = j.inputTrack();
            position = track.position();
            // wait (bounded) until the pre-toucher stands a good way past the writer: its thread, or idle calls
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (track.touchedTo() < position + (1 << 20) && System.nanoTime() < deadline)
            {
                if (idle)
                {
                    j.idleWork();
                }
                else
                {
                    assertEquals(0, j.idleWork(), "threaded, idle calls leave the work to the thread");
                    Thread.sleep(5);
                }
            }
            if (idle)
            {
                // once far enough ahead, an idle call finds nothing due
                int calls = 0;
                while (j.idleWork() > 0 && calls < 100_000)
                {
                    calls++;
                }
                assertEquals(0, j.idleWork(), "nothing due once the headroom is touched");
            }
            touchedTo = track.touchedTo();
            assertTrue(touchedTo >= position + (1 << 20), "touched to " + touchedTo + ", writer at " + position);
            // a writer faster than the paced bursts may pass pages it then faults itself; those ahead of it are all touched
            assertTrue(track.pages() >= (touchedTo - position) >> 12, "every page from the writer on: " + track.pages());
            assertNull(j.pretoucher().lastError());
            if (System.getProperty("os.name").startsWith("Linux"))
            {
                // its mapping asked for one page per fault: no megabyte read-ahead folios zeroed in one go
                assertTrue(j.pretoucher().advisedMappings() > 0, "madvise(MADV_RANDOM) given");
            }
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
                    // the records, then their trailer (checksum and feed position)
                    assertEquals(LENGTH + JournalTrailer.INPUT_LENGTH, read.readRemaining(), "document " + d);
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

    /**
     * In the engine, the default journal's pages are faulted in by the journaling thread itself in
     * its idle moments (the wait strategy's duty cycle), or, in the caller-thread layout, by the
     * caller through {@link ExitEngine#idleWork}: no pre-touch thread is started.
     */
    @ParameterizedTest
    @EnumSource(value = EngineConfig.Layout.class)
    void theEnginesJournalingThreadTouchesAheadWhenIdle(final EngineConfig.Layout layout, @TempDir final Path dir) throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.layout = layout;
        config.wait = layout == EngineConfig.Layout.THREAD_PER_HANDLER ? EngineConfig.Wait.BLOCKING : EngineConfig.Wait.YIELDING;
        config.recordLatency = false;
        config.instruments.add(new EngineConfig.InstrumentDef("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"),
            Fixed.parse("0.001"), Fixed.parse("0.0002"), Fixed.parse("0.0004")));
        final ChronicleJournal journal = ChronicleJournal.create(dir.resolve("journal"));
        assertEquals(false, journal.pretoucher().threaded());
        final ExitEngine engine = ExitEngine.builder(config).journal(journal).build().start();
        try
        {
            for (int t = 0; t < 5_000; t++)
            {
                engine.inputs().trade(1_700_000_000_000L + t, "BTCUSDT", Fixed.parse("60000") + t * Fixed.parse("0.1"), Fixed.parse("0.001"));
            }
            engine.awaitQuiet();
            final JournalPretoucher.Track track = journal.inputTrack();
            final long position = track.position();
            assertTrue(position > 0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (track.touchedTo() < position + (1 << 20) && System.nanoTime() < deadline)
            {
                if (layout == EngineConfig.Layout.CALLER_THREAD)
                {
                    engine.idleWork();
                }
                else
                {
                    assertEquals(0, engine.idleWork(), "only the caller-thread layout leaves the idle work to the caller");
                    Thread.sleep(2);
                }
            }
            assertTrue(track.touchedTo() >= position + (1 << 20), layout + ": touched to " + track.touchedTo() + ", writer at " + position);
            assertNull(journal.pretoucher().lastError());
            assertEquals(false, pretoucherThreadAlive(), "no pre-touch thread");
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void turnedOffThereIsNoThreadAndTheJournalStillWorks(@TempDir final Path dir) throws IOException
    {
        final boolean before = pretoucherThreadAlive();
        try (ChronicleJournal j = ChronicleJournal.create(dir.resolve("journal"), ChronicleJournal.Pretouch.OFF))
        {
            assertNull(j.pretoucher());
            final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
            fill(batch, 7);
            j.appendInputs(batch, 0, LENGTH);
            assertEquals(0, j.inputTrack().pages());
            assertEquals(0, j.idleWork());
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
