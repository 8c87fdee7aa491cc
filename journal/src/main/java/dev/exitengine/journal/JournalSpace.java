package dev.exitengine.journal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Whether the journal may write: free space on its disk above a floor, and no write failed since. A queue
 * file is memory-mapped: a write into a page the disk has no block for kills the JVM (SIGBUS), so the
 * journal stops writing while space is still left, rather than finding out that way. While stopped, the
 * engine goes on deciding and sending closes; the documents not written are counted, the failure is said
 * once, and when there is room again the journal goes on with a gap marker naming what it lost.
 * Read from the journaling and the output threads; the disk is asked every {@link #CHECK_EVERY} writes.
 */
final class JournalSpace
{
    /** The floor when none is given: several of Chronicle's mapped chunks. */
    static final long DEFAULT_MIN_FREE_BYTES = 256L << 20;
    static final int CHECK_EVERY = 1024;

    private final Path dir;
    private final FileStore store;
    private volatile long minFreeBytes;
    /** Why writing stopped, or null while the journal writes. */
    private volatile String failure;
    private final AtomicLong droppedInputs = new AtomicLong();
    private final AtomicLong droppedOutputs = new AtomicLong();
    private volatile Consumer<String> warnings = msg -> { };
    private int inputWrites;
    private int outputWrites;

    JournalSpace(final Path dir, final long minFreeBytes) throws IOException
    {
        this.dir = dir;
        this.store = Files.getFileStore(dir);
        this.minFreeBytes = minFreeBytes;
    }

    /** At start: refuses a disk without the floor free, naming both. */
    void checkAtStart() throws IOException
    {
        final long free = store.getUsableSpace();
        if (free < minFreeBytes)
        {
            throw new IOException("journal " + dir + ": " + mb(free) + " free on its disk, at least " + mb(minFreeBytes)
                + " needed (the queue files are memory-mapped: a full disk would kill the process)");
        }
    }

    void warnings(final Consumer<String> sink)
    {
        warnings = sink;
    }

    /** The floor kept free on the journal's disk. */
    long minFreeBytes()
    {
        return minFreeBytes;
    }

    void minFreeBytes(final long bytes)
    {
        minFreeBytes = bytes;
    }

    /** Why the journal is not writing, or null while it is. */
    String failure()
    {
        return failure;
    }

    long droppedInputs()
    {
        return droppedInputs.get();
    }

    long droppedOutputs()
    {
        return droppedOutputs.get();
    }

    /** Before an inputs document: whether to write it (asks the disk now and then). */
    boolean mayWriteInput()
    {
        if (failure != null)
        {
            recheckWhenDue();
        }
        else if (++inputWrites >= CHECK_EVERY)
        {
            inputWrites = 0;
            check();
        }
        return failure == null;
    }

    /** Before an outputs document. */
    boolean mayWriteOutput()
    {
        if (failure != null)
        {
            recheckWhenDue();
        }
        else if (++outputWrites >= CHECK_EVERY)
        {
            outputWrites = 0;
            check();
        }
        return failure == null;
    }

    /** While stopped, the disk is asked at most every {@link #RECHECK_NANOS}: never a system call per event. */
    private void recheckWhenDue()
    {
        final long now = System.nanoTime();
        if (now - lastRecheck >= RECHECK_NANOS)
        {
            lastRecheck = now;
            check();
        }
    }

    private static final long RECHECK_NANOS = 100_000_000L;
    private volatile long lastRecheck = System.nanoTime() - RECHECK_NANOS;

    void droppedInput()
    {
        droppedInputs.incrementAndGet();
    }

    void droppedOutput()
    {
        droppedOutputs.incrementAndGet();
    }

    /** A write failed: the journal stops until there is room again. */
    void writeFailed(final String what, final Throwable cause)
    {
        stop(what + " failed: " + cause);
    }

    /** Asks the disk: stops below the floor; goes on above it (the caller then writes its gap marker). */
    synchronized void check()
    {
        final long free;
        try
        {
            free = store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            stop("cannot read the free space of its disk: " + ex.getMessage());
            return;
        }
        if (free < minFreeBytes)
        {
            stop(mb(free) + " free on its disk, below the " + mb(minFreeBytes) + " it keeps");
        }
        else if (failure != null && free >= minFreeBytes)
        {
            failure = null;
            warnings.accept("journal " + dir + ": writing again (" + mb(free) + " free); " + droppedInputs.get() + " input and "
                + droppedOutputs.get() + " output documents were not written: the journal holds a gap marker there, and cannot be "
                + "replayed or resumed past it");
        }
    }

    private synchronized void stop(final String why)
    {
        if (failure == null)
        {
            failure = why;
            warnings.accept("journal " + dir + ": JOURNALING STOPPED: " + why + ". Positions are still protected and closes still "
                + "sent; inputs and decisions are not journaled until there is room again");
        }
    }

    private static String mb(final long bytes)
    {
        return String.format("%,d MB", bytes >> 20);
    }
}
