package dev.exitengine.bench.jmh;

import dev.exitengine.bench.Bench;
import dev.exitengine.bench.RawQueue;
import dev.exitengine.journal.ChronicleJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Journaling one event: {@link ChronicleJournal#appendInputs} of one trade record, against the bare
 * baselines, a Chronicle Queue append of the same bytes and a bare tailer reading one document.
 * (The engine appends a whole Disruptor batch per document; one record per document is its worst case.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC, JmhFlags.REF,
    JmhFlags.NIO, JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR})
public class JournalBenchmark
{
    private static final int READ_DOCUMENTS = 5_000_000;

    Path dir;
    ChronicleJournal journal;
    RawQueue raw;
    RawQueue filled;
    UnsafeBuffer record;
    int length;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Bench.tempDir("jmh-journal");
        journal = ChronicleJournal.create(dir.resolve("journal"));
        journal.writeHeader(1, "bench");
        raw = new RawQueue(dir.resolve("raw"));
        record = raw.record();
        length = raw.recordLength();
        filled = new RawQueue(dir.resolve("filled"));
        filled.append(READ_DOCUMENTS);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        journal.close();
        raw.close();
        filled.close();
        Bench.delete(dir);
    }

    @Benchmark
    public void journalAppendOneEvent()
    {
        journal.appendInputs(record, 0, length);
    }

    @Benchmark
    public void rawQueueAppendSameBytes()
    {
        raw.appendOne(1);
    }

    @Benchmark
    public long rawTailerReadOne()
    {
        final long v = filled.readOne();
        if (v < 0)
        {
            filled.rewind();
        }
        return v;
    }
}
