package dev.exitengine.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.posix.PosixAPI;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults the journal's file pages in ahead of the writer, so the engine's journaling thread never
 * takes the page faults in the middle of its work. Two ways, chosen when the journal is made:
 * <ul>
 * <li><b>driven</b> (the default, {@link ChronicleJournal.Pretouch#IDLE}): no thread; the engine's
 * journaling thread calls {@link #touch} each time it runs out of events, before it waits, one page
 * at a time while none arrives. On a machine with few cores this is the better way: no extra thread
 * competes with the engine's for a core, and a tick arriving meanwhile waits for at most one page
 * fault. Measured on 2 vCPUs, the thread of its own, waking about 300 times a second, took the
 * consumer's core from under it: hundreds of waits over 100 µs in eight seconds.</li>
 * <li><b>threaded</b> ({@link ChronicleJournal.Pretouch#THREAD}): a daemon thread of its own, for a
 * writer that seldom runs out of events, given a core to spare.</li>
 * </ul>
 *
 * <p>Why: on a disk-backed file system (ext4 here), the first write to each page of a memory-mapped
 * queue file allocates its blocks, and every few megabytes one of those faults waits 15–25 ms. That
 * wait fell on the journal handler, which is on the engine's only consumer thread in the
 * single-thread layout, and it was the whole of the journaled engine's latency tail. Chronicle's own
 * pre-toucher is not in its open-source build (its {@code pretouch()} is an empty default), so this
 * is the engine's own.
 *
 * <p>How, and why it is safe: the writer publishes its queue file and write position after each
 * document ({@link Track#written}). The pre-toucher maps the file on its own and, for every page from the
 * write position to {@link #AHEAD} bytes past it (never past the file's current length, which
 * Chronicle only ever grows while the queue is open), does a compare-and-set of the page's first int
 * from 0 to 0. That write fault allocates the page; it changes no byte: where the writer has already
 * put something, the compare fails and leaves it; where it has not, zero stays zero. Chronicle's own
 * header protocol compares-and-sets the same kind of int, so the two cannot tear each other's writes.
 * A failure here only stops the pre-touching of that file; it never reaches the engine.
 *
 * <p>Threaded, it touches in bursts of {@link #BURST_PAGES} pages with a short park between them
 * (see {@code sweep}), so it never keeps a core the engine's threads are waiting for longer than a
 * burst. Either way it tells the kernel its mapping is read at random ({@code madvise(MADV_RANDOM)}): otherwise a
 * fault on a file mapping reads ahead, and on a kernel with large page-cache folios (ext4, Linux
 * 6.x) every few megabytes one fault allocated and zeroed a folio of megabytes at once, 17–27 ms
 * without a point where the scheduler could give the core back. With the advice each fault brings
 * in one page (measured on a mapped ext4 file, 200 MB touched at 80 MB/s: 25 faults over a
 * millisecond, the longest 27.8 ms, without it; none over 0.22 ms with it). The advice is a hint:
 * where it cannot be given (not Linux, no native access), touching goes on without it.
 */
public final class JournalPretoucher implements AutoCloseable
{
    /** Bytes kept faulted in ahead of the writer: at 10 MB/s of journal, over a second and a half. */
    public static final long AHEAD = 16L << 20;
    private static final long WINDOW = 32L << 20;
    private static final int PAGE = 4096;
    /** When there is nothing to touch: the headroom lasts far longer than this at any plausible rate. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Pages touched in one burst. A first touch of fresh memory costs up to about 8 µs a page on a
     * virtual machine, so a burst holds a core for some tens of microseconds at most.
     */
    static final int BURST_PAGES = 4;
    /** The pause between bursts while the headroom is comfortable: the thread gives its core back. */
    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Below this headroom the bursts follow one another without a pause: the writer is close. */
    static final long URGENT = AHEAD / 4;
    private static final long SIZE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One queue's writer as this thread sees it. */
    public static final class Track
    {
        private final String name;
        private volatile File file;
        private final AtomicLong position = new AtomicLong(-1);
        // the writer's thread only
        private int writerCycle = Integer.MIN_VALUE;
        // the touching thread only (its own, or the caller of touch)
        private File open;
        private FileChannel channel;
        private MappedByteBuffer map;
        private long mapBase;
        private long size;
        private long sizeCheckedAt;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private volatile long touchedTo;
        private volatile long pages;
        private boolean failed;
        private boolean urgent;

        Track(final String name)
        {
            this.name = name;
        }

        /** Called by the appender's thread after each document: where it writes now. No allocation but on a roll. */
        public void written(final ExcerptAppender appender)
        {
            final int cycle = appender.cycle();
            if (cycle != writerCycle)
            {
                writerCycle = cycle;
                file = appender.currentFile();
            }
            position.lazySet(appender.wire().bytes().writePosition());
        }

        /** Pages faulted in so far. */
        public long pages()
        {
            return pages;
        }

        /** How far ahead pages have been faulted in (a file offset), in the current file. */
        public long touchedTo()
        {
            return touchedTo;
        }

        long position()
        {
            return position.get();
        }
    }

    private final Track[] tracks;
    private final java.util.function.BooleanSupplier room;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean touching;
    private volatile String lastError;

    /** With a thread name, a thread of its own does the touching; without (null), {@link #touch} does. */
    JournalPretoucher(final String threadName, final Track... tracks)
    {
        this(threadName, () -> true, tracks);
    }

    /** As above, touching only while {@code room} says the disk has room (a touched page takes a disk block). */
    JournalPretoucher(final String threadName, final java.util.function.BooleanSupplier room, final Track... tracks)
    {
        this.room = room;
        this.tracks = tracks;
        if (threadName == null)
        {
            thread = null;
        }
        else
        {
            thread = new Thread(this::loop, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether a thread of its own does the touching (otherwise the owner calls {@link #touch}). */
    public boolean threaded()
    {
        return thread != null;
    }

    /**
     * Touches at most one page in each track, when one is due: the work the journal's writing thread
     * does while it has nothing else to do (see {@link ChronicleJournal#idleWork}). A few microseconds
     * at most; a few nanoseconds when nothing is due. Only for a pre-toucher without a thread of its
     * own, and from one thread at a time.
     *
     * @return the pages touched
     */
    public int touch()
    {
        // with close(): each writes its flag, then reads the other's (volatiles, so at least one sees the
        // other), so no page is touched once close() has gone on to unmap
        touching = true;
        try
        {
            if (!running || !room.getAsBoolean())
            {
                return 0;
            }
            int touched = 0;
            for (final Track t : tracks)
            {
                touched += sweep(t, 1);
            }
            return touched;
        }
        finally
        {
            touching = false;
        }
    }

    /** The last failure, with the file it stopped on; null when none. */
    public String lastError()
    {
        return lastError;
    }

    private void loop()
    {
        while (running)
        {
            int state = IDLE;
            for (final Track t : tracks)
            {
                if (room.getAsBoolean() && sweep(t, BURST_PAGES) > 0)
                {
                    state = Math.max(state, t.urgent ? URGENT_NOW : PACED);
                }
            }
            if (state == IDLE)
            {
                LockSupport.parkNanos(IDLE_NANOS);
            }
            else if (state == PACED)
            {
                LockSupport.parkNanos(PACE_NANOS);
            }
        }
        for (final Track t : tracks)
        {
            release(t);
        }
    }

    private static final int IDLE = 0;
    private static final int PACED = 1;
    private static final int URGENT_NOW = 2;

    /**
     * Touches at most {@code maxPages} of what is due in one track and returns how many it touched;
     * leaves {@code urgent} set when the writer is still within {@link #URGENT} of the last page
     * touched (and the file goes further).
     *
     * <p>Why bursts: this thread shares the machine's cores with the engine's. Run unchecked, a sweep
     * of the whole headroom took a core for tens of milliseconds, and the scheduler let it keep the
     * core for a full time slice whenever the engine's consumer yielded: about a millisecond's wait
     * for the ticks behind it. In short bursts with a park between them, it never holds a core longer
     * than a burst, and it still touches several times faster than any journal is written.
     */
    private int sweep(final Track t, final int maxPages)
    {
        final File file = t.file;
        final long pos = t.position.get();
        if (file == null || pos < 0)
        {
            return 0;
        }
        // nothing due: the common case when called between events, and it costs two reads
        if (file == t.open && t.touchedTo >= pos + AHEAD)
        {
            return 0;
        }
        try
        {
            // the writer publishes the same File object for a whole cycle: identity tells a roll
            if (file != t.open)
            {
                // a new queue file (the first, or a roll): start over in it
                release(t);
                t.open = file;
                t.failed = false;
                t.touchedTo = 0;
                t.size = 0;
                t.sizeCheckedAt = 0;
                t.channel = FileChannel.open(file.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            if (t.failed)
            {
                return 0;
            }
            long at = Math.max(t.touchedTo, (pos + PAGE - 1) & -PAGE);
            long size = t.size;
            if (at + Integer.BYTES > size)
            {
                // touched up to the file's end as last seen: has the writer grown it? (asked at most every millisecond)
                final long now = System.nanoTime();
                if (now - t.sizeCheckedAt < SIZE_CHECK_NANOS)
                {
                    return 0;
                }
                t.sizeCheckedAt = now;
                size = t.size = t.channel.size();
            }
            final long end = Math.min(pos + AHEAD, size);
            if (at + Integer.BYTES > end)
            {
                t.urgent = false;
                return 0;
            }
            int touched = 0;
            for (; touched < maxPages && running && at + Integer.BYTES <= end; touched++)
            {
                if (t.map == null || at < t.mapBase || at + Integer.BYTES > t.mapBase + t.map.capacity())
                {
                    unmap(t);
                    t.mapBase = at & -WINDOW;
                    t.map = t.channel.map(FileChannel.MapMode.READ_WRITE, t.mapBase, Math.min(WINDOW, size - t.mapBase));
                    t.view.wrap(t.map);
                    adviseRandom(t.view.addressOffset(), t.view.capacity());
                }
                // a write fault that changes nothing: 0 stays 0, and anything the writer put there stays
                t.view.compareAndSetInt((int)(at - t.mapBase), 0, 0);
                at += PAGE;
                t.touchedTo = at;
                t.pages++;
            }
            t.urgent = at - pos < URGENT && at + Integer.BYTES <= end;
            return touched;
        }
        catch (final IOException | RuntimeException | InternalError ex)
        {
            t.failed = true;
            lastError = t.name + " " + file + ": " + ex;
            release(t);
            t.open = file;
            return 0;
        }
    }

    /** {@code MADV_RANDOM} in Linux's {@code <sys/mman.h>}. */
    private static final int MADV_RANDOM = 1;
    // the touching thread only (its own, or the caller of touch)
    private boolean adviceUnavailable;
    private volatile long advised;

    /** Asks for one page per fault on this mapping; gives up quietly, once, where it cannot. */
    private void adviseRandom(final long address, final long length)
    {
        if (adviceUnavailable)
        {
            return;
        }
        try
        {
            if (PosixAPI.posix().madvise(address, length, MADV_RANDOM) == 0)
            {
                advised++;
            }
            else
            {
                adviceUnavailable = true;
            }
        }
        catch (final LinkageError | RuntimeException ex)
        {
            // no native access here: the touching itself does not depend on it
            adviceUnavailable = true;
        }
    }

    /** Mappings given the random-access advice so far (0 where the platform cannot take it). */
    public long advisedMappings()
    {
        return advised;
    }

    private static void unmap(final Track t)
    {
        if (t.map != null)
        {
            t.view.wrap(0, 0);
            IoUtil.unmap(t.map);
            t.map = null;
        }
    }

    private static void release(final Track t)
    {
        unmap(t);
        if (t.channel != null)
        {
            try
            {
                t.channel.close();
            }
            catch (final IOException ignored)
            {
                // closing a channel opened only to map: nothing to lose
            }
            t.channel = null;
        }
        t.open = null;
    }

    @Override
    public void close()
    {
        running = false;
        if (thread == null)
        {
            // driven: the owner's thread may be in touch() still (a consumer thread not yet returned from
            // its wait); from here on it touches nothing, and it is out within one page
            while (touching)
            {
                Thread.onSpinWait();
            }
            for (final Track t : tracks)
            {
                release(t);
            }
            return;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
