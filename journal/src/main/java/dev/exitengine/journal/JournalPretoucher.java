package dev.exitengine.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
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
 * Faults the journal's file pages in ahead of the writer, on a thread of its own, so the engine's
 * journaling thread never takes the page faults itself.
 *
 * <p>Why: on a disk-backed file system (ext4 here), the first write to each page of a memory-mapped
 * queue file allocates its blocks, and every few megabytes one of those faults waits 15–25 ms. That
 * wait fell on the journal handler, which is on the engine's only consumer thread in the
 * single-thread layout, and it was the whole of the journaled engine's latency tail. Chronicle's own
 * pre-toucher is not in its open-source build (its {@code pretouch()} is an empty default), so this
 * is the engine's own.
 *
 * <p>How, and why it is safe: the writer publishes its queue file and write position after each
 * document ({@link Track#written}). This thread maps the file on its own and, for every page from the
 * write position to {@link #AHEAD} bytes past it (never past the file's current length, which
 * Chronicle only ever grows while the queue is open), does a compare-and-set of the page's first int
 * from 0 to 0. That write fault allocates the page; it changes no byte: where the writer has already
 * put something, the compare fails and leaves it; where it has not, zero stays zero. Chronicle's own
 * header protocol compares-and-sets the same kind of int, so the two cannot tear each other's writes.
 * A failure here only stops the pre-touching of that file; it never reaches the engine.
 *
 * <p>It touches in bursts of {@link #BURST_PAGES} pages with a short park between them (see
 * {@code sweep}), so it never keeps a core the engine's threads are waiting for longer than a burst.
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

    /** One queue's writer as this thread sees it. */
    public static final class Track
    {
        private final String name;
        private volatile File file;
        private final AtomicLong position = new AtomicLong(-1);
        // the writer's thread only
        private int writerCycle = Integer.MIN_VALUE;
        // the pre-toucher's thread only
        private File open;
        private FileChannel channel;
        private MappedByteBuffer map;
        private long mapBase;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private volatile long touchedTo;
        private volatile long pages;
        private boolean failed;

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
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;

    JournalPretoucher(final String threadName, final Track... tracks)
    {
        this.tracks = tracks;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
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
                state = Math.max(state, sweep(t));
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
     * Touches at most one burst of what is due in one track. Returns {@link #IDLE} when nothing was
     * due, {@link #URGENT_NOW} when the writer is within {@link #URGENT} of the last touched page,
     * {@link #PACED} otherwise.
     *
     * <p>Why bursts: this thread shares the machine's cores with the engine's. Run unchecked, a sweep
     * of the whole headroom took a core for tens of milliseconds, and the scheduler let it keep the
     * core for a full time slice whenever the engine's consumer yielded: about a millisecond's wait
     * for the ticks behind it. In short bursts with a park between them, it never holds a core longer
     * than a burst, and it still touches several times faster than any journal is written.
     */
    private int sweep(final Track t)
    {
        final File file = t.file;
        final long pos = t.position.get();
        if (file == null || pos < 0)
        {
            return IDLE;
        }
        try
        {
            if (!file.equals(t.open))
            {
                // a new queue file (the first, or a roll): start over in it
                release(t);
                t.open = file;
                t.failed = false;
                t.touchedTo = 0;
                t.channel = FileChannel.open(file.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            if (t.failed)
            {
                return IDLE;
            }
            final long size = t.channel.size();
            final long end = Math.min(pos + AHEAD, size);
            long at = Math.max(t.touchedTo, (pos + PAGE - 1) & -PAGE);
            if (at + Integer.BYTES > end)
            {
                return IDLE;
            }
            for (int burst = 0; burst < BURST_PAGES && running && at + Integer.BYTES <= end; burst++)
            {
                if (t.map == null || at < t.mapBase || at + Integer.BYTES > t.mapBase + t.map.capacity())
                {
                    unmap(t);
                    t.mapBase = at & -WINDOW;
                    t.map = t.channel.map(FileChannel.MapMode.READ_WRITE, t.mapBase, Math.min(WINDOW, size - t.mapBase));
                    t.view.wrap(t.map);
                }
                // a write fault that changes nothing: 0 stays 0, and anything the writer put there stays
                t.view.compareAndSetInt((int)(at - t.mapBase), 0, 0);
                at += PAGE;
                t.touchedTo = at;
                t.pages++;
            }
            return at - pos < URGENT ? URGENT_NOW : PACED;
        }
        catch (final IOException | RuntimeException | InternalError ex)
        {
            t.failed = true;
            lastError = t.name + " " + file + ": " + ex;
            release(t);
            t.open = file;
            return IDLE;
        }
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
