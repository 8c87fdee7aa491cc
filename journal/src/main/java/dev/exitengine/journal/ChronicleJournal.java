package dev.exitengine.journal;

import dev.exitengine.core.api.JournalPort;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal on Chronicle Queue: {@code DIR/inputs} holds a header document (format version and the
 * run's configuration) and then one document per batch of input records; {@code DIR/outputs} one
 * document per batch of decision records. Batches are appended straight from the engine's direct
 * buffers, without a copy, each followed by a trailer ({@link JournalTrailer}: its CRC-32C and, for
 * inputs, how far the feed had been read). A lock file keeps a second engine off the same journal.
 * {@link #resume} opens a journal that holds a run, to go on with it after a crash.
 */
public final class ChronicleJournal implements JournalPort
{
    /**
     * The header document, the first of {@code DIR/inputs} (little-endian):
     * <pre>
     *   0               4               8               12
     *  +---------------+---------------+---------------+---------------------------+
     *  |  HEADER_MARK  | formatVersion | text length n |  configuration, n bytes   |
     *  +---------------+---------------+---------------+--------- UTF-8 ----------+
     * </pre>
     * It starts with the (negative) mark where a record document starts with its (positive) length.
     */
    public static final int HEADER_MARK = -0x4A524E4C;
    public static final int HEADER_MARK_OFFSET = 0;
    public static final int HEADER_VERSION_OFFSET = 4;
    public static final int HEADER_TEXT_LENGTH_OFFSET = 8;
    public static final int HEADER_TEXT_OFFSET = 12;
    public static final String INPUTS = "inputs";
    public static final String OUTPUTS = "outputs";
    public static final String LOCK = "engine.lock";
    /** One file a day, large capacity; the writer and every reader must agree on it. */
    public static final net.openhft.chronicle.queue.RollCycle ROLL_CYCLE =
        net.openhft.chronicle.queue.rollcycles.LargeRollCycles.LARGE_DAILY;

    private final Path dir;
    private final ChronicleQueue inputs;
    private final ChronicleQueue outputs;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private ExcerptAppender inputAppender;
    private ExcerptAppender outputAppender;
    private final PointerBytesStore inputPointer = new PointerBytesStore();
    private final PointerBytesStore outputPointer = new PointerBytesStore();
    private final JournalPretoucher.Track inputTrack = new JournalPretoucher.Track(INPUTS);
    private final JournalPretoucher.Track outputTrack = new JournalPretoucher.Track(OUTPUTS);
    /** Faults queue pages in ahead of the writers; null when turned off. */
    private final JournalPretoucher pretoucher;

    /**
     * Folders this JVM holds. A file lock belongs to the process, and on Linux closing any descriptor of
     * the lock file drops it: so a second open in the same JVM is refused here, before it opens one.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path key;

    /** While a resumed run re-reads the journal: its outputs, compared with the re-run's; null otherwise. */
    private volatile OutputCatchUp catchUp;
    private long feedLine;
    private int inputsOfLine;
    /** Inputs and outputs are appended from different threads: a checksum of each's own. */
    private final JournalTrailer.Crc inputCrc = new JournalTrailer.Crc();
    private final JournalTrailer.Crc outputCrc = new JournalTrailer.Crc();

    /** Free space and write failures: whether the journal writes now ({@link JournalSpace}). */
    private final JournalSpace space;
    /** Documents were dropped since the last one written: the next one is preceded by a gap marker. */
    private boolean inputGap;
    private boolean outputGap;

    /**
     * The gap marker: a document written where documents were not (journaling stopped, see {@link JournalSpace}):
     * {@code GAP_MARK}, the number of documents missing (8 bytes), then the trailer's CRC-32C. A reader stops there,
     * naming it: nothing after it can be re-run to the same state.
     */
    public static final int GAP_MARK = -0x4A474150;

    private ChronicleJournal(final Path dir, final Pretouch pretouch) throws IOException
    {
        this(dir, pretouch, false, JournalSpace.DEFAULT_MIN_FREE_BYTES);
    }

    private ChronicleJournal(final Path dir, final Pretouch pretouch, final boolean resume, final long minFreeBytes) throws IOException
    {
        this.dir = dir;
        Files.createDirectories(dir);
        key = dir.toRealPath();
        if (!HELD.add(key))
        {
            throw new JournalInUseException(dir);
        }
        try
        {
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            HELD.remove(key);
            throw ex;
        }
        final FileLock l;
        try
        {
            l = lockChannel.tryLock();
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            lockChannel.close();
            HELD.remove(key);
            throw new JournalInUseException(dir);
        }
        if (l == null)
        {
            lockChannel.close();
            HELD.remove(key);
            throw new JournalInUseException(dir);
        }
        lock = l;
        final boolean holdsRun = holdsQueueFiles(dir.resolve(INPUTS));
        if (holdsRun && !resume)
        {
            release();
            throw new IOException("journal " + dir + " already holds a run; give an empty or new folder, or resume it (--resume)");
        }
        if (!holdsRun && resume)
        {
            release();
            throw new IOException("journal " + dir + " holds no run to resume");
        }
        space = new JournalSpace(dir, minFreeBytes);
        try
        {
            space.checkAtStart();
        }
        catch (final IOException ex)
        {
            release();
            throw ex;
        }
        inputs = open(dir.resolve(INPUTS));
        outputs = open(dir.resolve(OUTPUTS));
        catchUp = resume ? new OutputCatchUp(dir, outputs) : null;
        if (resume)
        {
            // the run goes on: the state a clean stop recorded is not the final state any more
            stoppedCleanly = Files.deleteIfExists(dir.resolve(FINAL_STATE));
        }
        pretoucher = pretouch == Pretouch.OFF ? null
            : new JournalPretoucher(pretouch == Pretouch.THREAD ? "exit-engine-journal-pretouch" : null, () -> space.failure() == null,
                inputTrack, outputTrack);
    }

    /** How the queue files' pages are faulted in ahead of the writers ({@link JournalPretoucher}). */
    public enum Pretouch
    {
        /** Not at all: the writing threads take the page faults as they write. */
        OFF,
        /** By the engine's journaling thread when it runs out of events, through {@link #idleWork}. */
        IDLE,
        /** By a daemon thread of the journal's own. */
        THREAD
    }

    /**
     * Creates a journal in an empty (or new) folder; refuses a folder another engine holds. Its pages
     * are faulted in ahead of the writers by the engine's journaling thread in its idle moments
     * ({@link Pretouch#IDLE}, {@link JournalPretoucher}).
     */
    public static ChronicleJournal create(final Path dir) throws IOException
    {
        return new ChronicleJournal(dir, Pretouch.IDLE);
    }

    /**
     * As {@link #create(Path)}, with the page faults taken as {@code pretouch} says.
     */
    public static ChronicleJournal create(final Path dir, final Pretouch pretouch) throws IOException
    {
        return new ChronicleJournal(dir, pretouch);
    }

    /** Faults in at most one page ahead of each writer when one is due (see {@link Pretouch#IDLE}). */
    @Override
    public int idleWork()
    {
        return pretoucher == null || pretoucher.threaded() ? 0 : pretoucher.touch();
    }

    /** The pre-toucher, or null when turned off. */
    public JournalPretoucher pretoucher()
    {
        return pretoucher;
    }

    /** Where the pre-toucher stands in the inputs queue. */
    public JournalPretoucher.Track inputTrack()
    {
        return inputTrack;
    }

    static ChronicleQueue open(final Path path)
    {
        return ChronicleQueue.singleBuilder(path).rollCycle(ROLL_CYCLE).build();
    }

    /**
     * Opens a journal that holds a run, to resume it: the engine re-reads its inputs (nothing is appended
     * while it does), and the outputs the re-run makes are compared with the journal's until those run out,
     * the rest appended (a crash can leave the outputs of the last inputs unwritten). Call
     * {@link #endCatchUp} when the re-run is done. Refuses a folder that holds no run or that another engine holds.
     */
    public static ChronicleJournal resume(final Path dir) throws IOException
    {
        return new ChronicleJournal(dir, Pretouch.IDLE, true, JournalSpace.DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * As {@link #create(Path)} or {@link #resume(Path)}, keeping {@code minFreeBytes} free on the journal's disk:
     * below that it stops writing (see {@link JournalSpace}).
     */
    public static ChronicleJournal open(final Path dir, final boolean resume, final long minFreeBytes) throws IOException
    {
        return new ChronicleJournal(dir, Pretouch.IDLE, resume, minFreeBytes);
    }

    /** Where the journal says that it stopped or started writing again (once each time); by default nowhere. */
    public ChronicleJournal warnings(final java.util.function.Consumer<String> sink)
    {
        space.warnings(sink);
        return this;
    }

    /** Changes the free space kept on the journal's disk (operators, and tests that play a full disk). */
    /**
     * Whether {@code bytes} more can go on the journal's disk and leave its floor free (snapshots ask: the journal's
     * own documents come first).
     */
    public boolean roomFor(final long bytes)
    {
        try
        {
            return Files.getFileStore(dir).getUsableSpace() - bytes >= space.minFreeBytes();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    public void minFreeBytes(final long bytes)
    {
        space.minFreeBytes(bytes);
        space.check();
    }

    /** Why the journal is not writing now, or null while it is. */
    @Override
    public String failure()
    {
        return space.failure();
    }

    /** Input documents not written while journaling was stopped. */
    public long droppedInputDocuments()
    {
        return space.droppedInputs();
    }

    /** Whether {@code dir} holds a journaled run (readable or not): a run there would have to be resumed. */
    public static boolean holdsRun(final Path dir) throws IOException
    {
        return holdsQueueFiles(dir.resolve(INPUTS));
    }

    /**
     * Any queue file, readable or not: a folder whose queue cannot be read (a damaged header) is never
     * taken for an empty one and written into.
     */
    private static boolean holdsQueueFiles(final Path path) throws IOException
    {
        if (!Files.isDirectory(path))
        {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(path))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(net.openhft.chronicle.queue.impl.single.SingleChronicleQueue.SUFFIX));
        }
    }

    /**
     * The re-run of a resumed journal has made all its outputs: fails, naming the first, when the journal
     * holds outputs the re-run did not make (then the journal was written by another engine or configuration).
     */
    public void endCatchUp()
    {
        final OutputCatchUp c = catchUp;
        catchUp = null;
        if (c != null)
        {
            c.finish();
        }
    }

    public Path dir()
    {
        return dir;
    }

    /**
     * A resume from a snapshot: the re-run's outputs are compared from the document after {@code outputsIndex}
     * (the last the snapshot holds; -1 for none) instead of from the first.
     */
    public void catchUpAfter(final long outputsIndex)
    {
        final OutputCatchUp c = catchUp;
        if (c == null)
        {
            throw new IllegalStateException("catchUpAfter: the journal was not opened to resume");
        }
        c.startAfter(outputsIndex);
    }

    /**
     * Where the inputs queue ends now: its last document's index and checksum ({@link LastDocument}). Ask on a
     * quiet engine (a snapshot does): nothing is being appended then, so the last document is whole. Read from
     * the queue when asked, so appending pays nothing for it.
     */
    LastDocument lastInput()
    {
        return new LastDocument(inputs);
    }

    /** As {@link #lastInput}, of the outputs. */
    LastDocument lastOutput()
    {
        return new LastDocument(outputs);
    }

    private boolean stoppedCleanly;

    /** A resumed journal: whether the run it holds had stopped cleanly (it recorded its final state), not died. */
    public boolean stoppedCleanly()
    {
        return stoppedCleanly;
    }

    @Override
    public void writeHeader(final int formatVersion, final String configuration)
    {
        // the header is written by the thread that starts the engine: use an appender of its own, so the
        // journal handler's thread gets a fresh one (Chronicle appenders belong to one thread)
        try (ExcerptAppender appender = inputs.createAppender())
        {
            MarkDocuments.write(appender, MarkDocuments.header(formatVersion, configuration));
        }
    }

    @Override
    public void appendInputs(final DirectBuffer buffer, final int offset, final int length)
    {
        if (inputAppender == null)
        {
            inputAppender = inputs.createAppender();
        }
        if (catchUp != null)
        {
            throw new IllegalStateException("journal " + dir + ": an input appended while a resumed run re-reads the journal");
        }
        append(true, inputAppender, inputPointer, inputTrack, buffer, offset, length);
    }

    @Override
    public void appendOutputs(final DirectBuffer buffer, final int offset, final int length)
    {
        if (outputAppender == null)
        {
            outputAppender = outputs.createAppender();
        }
        int skip = 0;
        final OutputCatchUp c = catchUp;
        if (c != null)
        {
            skip = c.compare(buffer, offset, length);
            if (skip == length)
            {
                return;
            }
        }
        append(false, outputAppender, outputPointer, outputTrack, buffer, offset + skip, length - skip);
    }

    /**
     * One document of inputs or outputs, unless the journal is not writing (then it is counted as dropped and the
     * next one written is preceded by a gap marker); a write that fails stops the journal the same way.
     */
    private void append(final boolean input, final ExcerptAppender appender, final PointerBytesStore pointer,
        final JournalPretoucher.Track track, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!(input ? space.mayWriteInput() : space.mayWriteOutput()))
        {
            dropped(input);
            return;
        }
        try
        {
            if (input ? inputGap : outputGap)
            {
                MarkDocuments.write(appender, MarkDocuments.gap(input ? space.droppedInputs() : space.droppedOutputs()));
                if (input)
                {
                    inputGap = false;
                }
                else
                {
                    outputGap = false;
                }
            }
            write(appender, pointer, buffer, offset, length, input);
        }
        catch (final RuntimeException | InternalError ex)
        {
            // an I/O error, or the JVM's report of a fault in a mapped page: nothing of it is taken for written
            space.writeFailed(input ? "appending inputs" : "appending outputs", ex);
            dropped(input);
            return;
        }
        if (pretoucher != null)
        {
            track.written(appender);
        }
    }

    private void dropped(final boolean input)
    {
        if (input)
        {
            space.droppedInput();
            inputGap = true;
        }
        else
        {
            space.droppedOutput();
            outputGap = true;
        }
    }

    @Override
    public void feedPosition(final long line, final int inputsOfLine)
    {
        this.feedLine = line;
        this.inputsOfLine = inputsOfLine;
    }

    /** One document: the records, then their trailer ({@link JournalTrailer}). */
    private void write(final ExcerptAppender appender, final PointerBytesStore pointer, final DirectBuffer buffer, final int offset,
        final int length, final boolean input)
    {
        final UnsafeBuffer scratch = input ? inputScratch : outputScratch;
        final int trailer = input ? JournalTrailer.INPUT_LENGTH : JournalTrailer.OUTPUT_LENGTH;
        if (length + trailer <= scratch.capacity())
        {
            // a small document (one event, as in lockstep): records and trailer copied into one block and appended in
            // one call, the path as cheap as a bare append (a document context per write cost twice as much)
            scratch.putBytes(0, buffer, offset, length);
            int at = length;
            if (input)
            {
                scratch.putLong(at, feedLine, dev.exitengine.core.codec.EventCodec.ORDER);
                scratch.putInt(at + 8, inputsOfLine, dev.exitengine.core.codec.EventCodec.ORDER);
                at += 12;
            }
            scratch.putInt(at, (input ? inputCrc : outputCrc).of(scratch, 0, at), dev.exitengine.core.codec.EventCodec.ORDER);
            pointer.set(scratch.addressOffset(), at + JournalTrailer.CRC_LENGTH);
            appender.writeBytes(pointer);
            return;
        }
        final int crc = input ? inputCrc.of(buffer, offset, length, feedLine, inputsOfLine) : outputCrc.of(buffer, offset, length);
        try (net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument())
        {
            final net.openhft.chronicle.bytes.Bytes<?> bytes = dc.wire().bytes();
            if (buffer.byteArray() != null)
            {
                // heap buffer: Chronicle needs native memory behind a pointer, so copy through a byte store
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                bytes.write(copy);
            }
            else
            {
                pointer.set(buffer.addressOffset() + offset, length);
                bytes.write(pointer);
            }
            if (input)
            {
                bytes.writeLong(feedLine);
                bytes.writeInt(inputsOfLine);
            }
            bytes.writeInt(crc);
        }
    }

    /** Where a small document is put together with its trailer (each writing thread its own). */
    private static final int SCRATCH_BYTES = 4096;
    private final UnsafeBuffer inputScratch = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(SCRATCH_BYTES));
    private final UnsafeBuffer outputScratch = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(SCRATCH_BYTES));

    /** Written beside the queues when the engine stops cleanly ({@link FinalState}). */
    public static final String FINAL_STATE = FinalState.FILE;

    @Override
    public void recordFinalState(final long stateHash)
    {
        FinalState.write(dir, stateHash);
    }

    /** The final state hash recorded in {@code dir}, or null when none was (see {@link #recordFinalState}). */
    public static Long readFinalState(final Path dir) throws IOException
    {
        return FinalState.read(dir);
    }

    @Override
    public void close()
    {
        try
        {
            if (pretoucher != null)
            {
                pretoucher.close();
            }
            inputs.close();
            outputs.close();
        }
        finally
        {
            release();
        }
    }

    private void release()
    {
        try
        {
            lock.release();
            lockChannel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            HELD.remove(key);
        }
    }
}
