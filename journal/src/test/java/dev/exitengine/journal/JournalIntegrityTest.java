package dev.exitengine.journal;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.num.Fixed;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal integrity (format 3): every document's checksum, the feed position in its trailer, gaps in the
 * input numbers, a folder whose queue cannot be read, and journals of the format before still replaying.
 */
class JournalIntegrityTest
{
    @Test
    void aFlippedBitInAnyInputRecordFailsTheCheckAndTheReplayNamingTheDocument(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        JournalTest.run(journal, Function.identity());
        final JournalCheck.Result sound = JournalCheck.check(journal);
        assertTrue(sound.checksummed && sound.inputs > 2_000, sound.inputs + " inputs");
        // the price of a real trade the run read, as its record holds it: flip one bit of it in the queue file
        final long price = Fixed.parse("61800.3");
        final int at = find(queueFile(journal.resolve(ChronicleJournal.INPUTS)), longBytes(price));
        flip(queueFile(journal.resolve(ChronicleJournal.INPUTS)), at, 3);
        final JournalDamagedException ex = assertThrows(JournalDamagedException.class, () -> JournalCheck.check(journal));
        assertTrue(ex.getMessage().matches("journal .*: inputs document #\\d+ \\(after input #\\d+\\) fails its checksum"), ex.getMessage());
        final JournalDamagedException replay = assertThrows(JournalDamagedException.class,
            () -> Replay.run(journal, true, null, msg -> { }, null));
        assertEquals(ex.getMessage(), replay.getMessage());
    }

    @Test
    void theFeedPositionInATrailerIsCoveredByTheChecksum(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        final ChronicleJournal j = ChronicleJournal.create(journal);
        j.writeHeader(EngineConfig.FORMAT_VERSION, new EngineConfig().encode());
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(256);
        final int length = trade(batch, 1, 1_000);
        j.feedPosition(0x0102030405060708L, 1);
        j.appendInputs(batch, 0, length);
        j.close();
        assertEquals(0x0102030405060708L, JournalCheck.check(journal).feedLine);
        final int at = find(queueFile(journal.resolve(ChronicleJournal.INPUTS)), longBytes(0x0102030405060708L));
        flip(queueFile(journal.resolve(ChronicleJournal.INPUTS)), at + 7, 0);
        assertThrows(JournalDamagedException.class, () -> JournalCheck.check(journal));
    }

    @Test
    void aGapInTheInputNumbersIsNamed(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        try (ChronicleJournal j = ChronicleJournal.create(journal))
        {
            j.writeHeader(EngineConfig.FORMAT_VERSION, new EngineConfig().encode());
            final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(256);
            for (final long seq : new long[] {1, 2, 4})
            {
                j.appendInputs(batch, 0, trade(batch, seq, 1_000 + seq));
            }
        }
        final JournalDamagedException ex = assertThrows(JournalDamagedException.class, () -> JournalCheck.check(journal));
        assertTrue(ex.getMessage().endsWith("inputs document #4: input #4 follows input #2 (a gap)"), ex.getMessage());
    }

    @Test
    void aFolderWhoseQueueCannotBeReadIsNeverTakenForAnEmptyOneAndWrittenInto(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        JournalTest.run(journal, Function.identity());
        final Path file = queueFile(journal.resolve(ChronicleJournal.INPUTS));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            f.seek(0);
            f.write(new byte[4096]);
        }
        final IOException ex = assertThrows(IOException.class, () -> ChronicleJournal.create(journal));
        assertTrue(ex.getMessage().contains("already holds a run"), ex.getMessage());
    }

    @Test
    void aJournalOfTheFormatBeforeChecksumsStillReplaysAndVerifies(@TempDir final Path dir) throws IOException
    {
        final Path current = dir.resolve("v3");
        JournalTest.run(current, Function.identity());
        final Path old = dir.resolve("v2");
        downgradeToFormat2(current, old);
        final JournalCheck.Result check = JournalCheck.check(old);
        assertEquals(2, check.formatVersion);
        assertTrue(!check.checksummed && check.inputs > 2_000);
        final Replay.Result result = Replay.run(old, true, null, msg -> { }, null);
        assertTrue(result.identical, result.firstDifference);
        assertEquals(JournalCheck.check(current).outputs, result.journaledOutputs);
        final IOException resume = assertThrows(IOException.class, () -> JournalResume.configuration(old));
        assertTrue(resume.getMessage().contains("format 2") && resume.getMessage().contains("cannot be resumed"), resume.getMessage());
    }

    @Test
    void aJournalWithoutRoomStopsWritingWhileTheEngineGoesOnDecidingThenMarksTheGap(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        final java.util.List<String> warnings = new java.util.ArrayList<>();
        final java.util.List<String> decisions = new java.util.ArrayList<>();
        final EngineConfig config = new EngineConfig();
        config.layout = EngineConfig.Layout.CALLER_THREAD;
        final ChronicleJournal j = ChronicleJournal.open(journal, false, 0).warnings(warnings::add);
        try (dev.exitengine.core.ExitEngine engine = dev.exitengine.core.ExitEngine.builder(config).journal(j)
            .listener((d, names) -> decisions.add(d.type.name())).errors(m -> { }).build().start())
        {
            final dev.exitengine.core.NamedInputs in = engine.inputs();
            in.instrument("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"), 0, Fixed.parse("0.0002"), Fixed.parse("0.0004"));
            in.fill(1_000, "a1", "BTCUSDT", dev.exitengine.core.event.Side.BUY, dev.exitengine.core.event.PositionSide.BOTH,
                Fixed.parse("1"), Fixed.parse("100"), Fixed.NONE, "e1", null);
            in.trade(1_001, "BTCUSDT", Fixed.parse("100"), Fixed.parse("1"));
            // the disk "fills": the journal stops at once, says so once, and the engine goes on: the stop loss still fires
            j.minFreeBytes(Long.MAX_VALUE);
            assertTrue(j.failure() != null && j.failure().contains("below"), j.failure());
            assertEquals(j.failure(), engine.journalFailure());
            for (int i = 0; i < 5; i++)
            {
                in.trade(1_002 + i, "BTCUSDT", Fixed.parse("90"), Fixed.parse("1"));
            }
            assertTrue(decisions.contains("CLOSE"), decisions.toString());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("JOURNALING STOPPED") && warnings.get(0).contains("still protected"), warnings.get(0));
            assertTrue(j.droppedInputDocuments() >= 5);
            // room again: writing goes on after a gap marker
            j.minFreeBytes(0);
            assertEquals(null, j.failure());
            in.trade(2_000, "BTCUSDT", Fixed.parse("91"), Fixed.parse("1"));
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(1).contains("writing again"), warnings.get(1));
        }
        final JournalDamagedException check = assertThrows(JournalDamagedException.class, () -> JournalCheck.check(journal));
        assertTrue(check.getMessage().contains("a gap after input #3") && check.getMessage().contains("were not written"), check.getMessage());
        assertThrows(JournalDamagedException.class, () -> Replay.run(journal, true, null, msg -> { }, null));
    }

    @Test
    void aDiskWithoutTheFloorFreeIsRefusedAtStartNamingBoth(@TempDir final Path dir)
    {
        final IOException ex = assertThrows(IOException.class, () -> ChronicleJournal.open(dir.resolve("j"), false, Long.MAX_VALUE));
        assertTrue(ex.getMessage().contains("free on its disk, at least"), ex.getMessage());
        // the refused journal let go of its folder's lock: a second try meets the disk again, not "in use"
        final IOException again = assertThrows(IOException.class, () -> ChronicleJournal.open(dir.resolve("j"), false, Long.MAX_VALUE));
        assertTrue(again.getMessage().contains("free on its disk"), again.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    /** One full trade record of the given seq in {@code batch}; returns its length. */
    private static int trade(final ExpandableDirectByteBuffer batch, final long seq, final long ts)
    {
        final EngineEvent e = new EngineEvent();
        e.clear(EventType.TRADE);
        e.seq = seq;
        e.ts = ts;
        e.symbolId = 0;
        e.price = Fixed.parse("50000");
        e.qty = Fixed.parse("0.001");
        return EventCodec.encode(batch, 0, e);
    }

    /** Copies a format-3 journal as format 2 wrote it: the header version 2 without a checksum, documents without trailers. */
    private static void downgradeToFormat2(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        copy(from.resolve(ChronicleJournal.INPUTS), to.resolve(ChronicleJournal.INPUTS), JournalTrailer.INPUT_LENGTH, true);
        copy(from.resolve(ChronicleJournal.OUTPUTS), to.resolve(ChronicleJournal.OUTPUTS), JournalTrailer.OUTPUT_LENGTH, false);
        Files.copy(from.resolve(ChronicleJournal.FINAL_STATE), to.resolve(ChronicleJournal.FINAL_STATE));
    }

    private static void copy(final Path from, final Path to, final int trailer, final boolean inputs)
    {
        try (ChronicleQueue in = ChronicleQueue.singleBuilder(from).rollCycle(ChronicleJournal.ROLL_CYCLE).readOnly(true).build();
            ChronicleQueue out = ChronicleQueue.singleBuilder(to).rollCycle(ChronicleJournal.ROLL_CYCLE).build();
            ExcerptAppender appender = out.createAppender())
        {
            final ExcerptTailer tailer = in.createTailer().toStart();
            boolean first = inputs;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final byte[] doc = new byte[(int)bytes.readRemaining()];
                    bytes.read(doc);
                    final byte[] copy;
                    if (first)
                    {
                        final UnsafeBuffer b = new UnsafeBuffer(doc);
                        final int len = b.getInt(ChronicleJournal.HEADER_TEXT_LENGTH_OFFSET, EventCodec.ORDER);
                        final String text = new String(doc, ChronicleJournal.HEADER_TEXT_OFFSET, len, StandardCharsets.UTF_8)
                            .replace("formatVersion=" + EngineConfig.FORMAT_VERSION, "formatVersion=2");
                        final byte[] t = text.getBytes(StandardCharsets.UTF_8);
                        copy = new byte[ChronicleJournal.HEADER_TEXT_OFFSET + t.length];
                        final UnsafeBuffer c = new UnsafeBuffer(copy);
                        c.putInt(ChronicleJournal.HEADER_MARK_OFFSET, ChronicleJournal.HEADER_MARK, EventCodec.ORDER);
                        c.putInt(ChronicleJournal.HEADER_VERSION_OFFSET, 2, EventCodec.ORDER);
                        c.putInt(ChronicleJournal.HEADER_TEXT_LENGTH_OFFSET, t.length, EventCodec.ORDER);
                        c.putBytes(ChronicleJournal.HEADER_TEXT_OFFSET, t);
                        first = false;
                    }
                    else
                    {
                        copy = java.util.Arrays.copyOf(doc, doc.length - trailer);
                    }
                    appender.writeBytes(net.openhft.chronicle.bytes.BytesStore.wrap(copy));
                }
            }
        }
    }

    static Path queueFile(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static byte[] longBytes(final long v)
    {
        final byte[] b = new byte[8];
        new UnsafeBuffer(b).putLong(0, v, EventCodec.ORDER);
        return b;
    }

    /** The first offset of {@code pattern} in the file. */
    private static int find(final Path file, final byte[] pattern) throws IOException
    {
        final byte[] data = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++)
        {
            for (int k = 0; k < pattern.length; k++)
            {
                if (data[i + k] != pattern[k])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not in " + file);
    }

    private static void flip(final Path file, final int offset, final int bit) throws IOException
    {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            f.seek(offset);
            final int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        }
    }
}
