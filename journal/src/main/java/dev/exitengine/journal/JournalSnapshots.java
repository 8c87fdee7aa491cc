package dev.exitengine.journal;

import dev.exitengine.core.api.SnapshotStore;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A journal's snapshots: files in {@code DIR/snapshots}, one per snapshot, named by the last input each
 * holds. The engine hands a snapshot over on a quiet engine ({@link #save}); it is written here on a thread
 * of its own (to a temporary file, forced to disk, then renamed into place, so a crash never leaves half a
 * snapshot under a snapshot's name), and the oldest beyond {@link #KEEP} are deleted. A file:
 * <pre>
 *   magic "XESNAP01" | configuration CRC | input # | inputs index | inputs CRC | outputs index | outputs CRC | taken at (ms)
 *   | length | state | CRC-32C
 * </pre>
 * The indexes are the journal's queue indexes of the last inputs and outputs documents the snapshot holds,
 * with those documents' own checksums (so a snapshot is only ever used on the journal it was taken on): a
 * resumed run restores the state and re-reads only the documents after them ({@link JournalResume}).
 */
public final class JournalSnapshots implements SnapshotStore, AutoCloseable
{
    public static final String FOLDER = "snapshots";
    /** Snapshots kept: the newest and the one before it (should the newest prove unusable). */
    public static final int KEEP = 2;
    private static final long MAGIC = 0x3130_5041_4E53_4558L; // "XESNAP01" little-endian
    private static final int HEADER = 8 + 4 + 8 + 8 + 4 + 8 + 4 + 8 + 4;
    private static final String SUFFIX = ".snap";
    /** A snapshot being written: renamed to its {@link #SUFFIX} name once on disk. */
    private static final String TMP_SUFFIX = ".tmp";

    private final ChronicleJournal journal;
    private final Path folder;
    /** The CRC of the configuration the journal's header holds, read once, on the writing thread. */
    private Integer configCrc;
    private final Consumer<String> warnings;
    private final Thread writer;
    private final Object lock = new Object();
    private volatile boolean busy;
    private volatile boolean closed;
    private Pending pending;
    private volatile long written;
    private volatile String lastFailure;

    private record Pending(long seq, long inputsIndex, int inputsCrc, long outputsIndex, int outputsCrc, DirectBuffer state, int length)
    {
    }

    /** A snapshot read back, its state mapped from its file (valid until {@link #close}). */
    public static final class Loaded implements AutoCloseable
    {
        public final Path file;
        public final long seq;
        public final long inputsIndex;
        public final int inputsCrc;
        public final long outputsIndex;
        public final int outputsCrc;
        public final long takenAtMs;
        public final UnsafeBuffer state;
        private final FileChannel channel;

        private Loaded(final Path file, final long seq, final long inputsIndex, final int inputsCrc, final long outputsIndex,
            final int outputsCrc, final long takenAtMs, final UnsafeBuffer state, final FileChannel channel)
        {
            this.file = file;
            this.seq = seq;
            this.inputsIndex = inputsIndex;
            this.inputsCrc = inputsCrc;
            this.outputsIndex = outputsIndex;
            this.outputsCrc = outputsCrc;
            this.takenAtMs = takenAtMs;
            this.state = state;
            this.channel = channel;
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    public JournalSnapshots(final ChronicleJournal journal, final Consumer<String> warnings) throws IOException
    {
        this.journal = journal;
        this.folder = journal.dir().resolve(FOLDER);
        this.warnings = warnings;
        Files.createDirectories(folder);
        // a snapshot the process before died writing: never used (it has no snapshot's name), removed
        try (Stream<Path> files = Files.list(folder))
        {
            for (final Path f : files.filter(p -> p.getFileName().toString().endsWith(TMP_SUFFIX)).toList())
            {
                Files.deleteIfExists(f);
            }
        }
        writer = new Thread(this::writeLoop, "exit-engine-snapshot-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private static int crcOf(final String configuration)
    {
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(configuration.getBytes(StandardCharsets.UTF_8));
        return (int)crc.getValue();
    }

    @Override
    public boolean busy()
    {
        return busy;
    }

    @Override
    public void save(final long seq, final DirectBuffer state, final int length)
    {
        // on a quiet engine: the journal's last documents are exactly those of the inputs up to seq and their outputs
        final LastDocument in = journal.lastInput();
        final LastDocument out = journal.lastOutput();
        final Pending p = new Pending(seq, in.index(), in.crc(), out.index(), out.crc(), state, length);
        synchronized (lock)
        {
            busy = true;
            pending = p;
            lock.notifyAll();
        }
    }

    /** Snapshots written so far by this store. */
    public long written()
    {
        return written;
    }

    /** Why the last write failed, or null. */
    public String lastFailure()
    {
        return lastFailure;
    }

    /** Waits until the snapshot handed over last is on disk (tests, a clean stop). */
    public void awaitWritten() throws InterruptedException
    {
        while (busy)
        {
            Thread.sleep(1);
        }
    }

    private void writeLoop()
    {
        while (true)
        {
            final Pending p;
            synchronized (lock)
            {
                while (pending == null && !closed)
                {
                    try
                    {
                        lock.wait();
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
                if (pending == null)
                {
                    return;
                }
                p = pending;
                pending = null;
            }
            try
            {
                write(p);
                written++;
                lastFailure = null;
            }
            catch (final IOException | RuntimeException ex)
            {
                // a snapshot is an optimisation of restart time: the journal still holds everything; say so once per failure run
                final String why = "snapshot of input #" + p.seq + " not written (" + ex.getMessage() + "): a restart re-reads more"
                    + " of the journal";
                if (lastFailure == null)
                {
                    warnings.accept(why);
                }
                lastFailure = why;
            }
            finally
            {
                busy = false;
            }
        }
    }

    private void write(final Pending p) throws IOException
    {
        if (!journal.roomFor(2L * p.length))
        {
            // the journal's documents come first: a snapshot never takes the room the journal's floor keeps
            throw new IOException("too little room on the journal's disk for " + (p.length >> 20) + " MB beside the journal's floor");
        }
        if (configCrc == null)
        {
            try (JournalReader reader = JournalReader.open(journal.dir()))
            {
                configCrc = crcOf(reader.configuration());
            }
        }
        final Path tmp = folder.resolve(String.format("snapshot-%020d%s", p.seq, TMP_SUFFIX));
        final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC).putInt(configCrc).putLong(p.seq).putLong(p.inputsIndex).putInt(p.inputsCrc).putLong(p.outputsIndex)
            .putInt(p.outputsCrc).putLong(System.currentTimeMillis()).putInt(p.length).flip();
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.duplicate());
        final ByteBuffer state = stateBytes(p);
        crc.update(state.duplicate());
        final ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)crc.getValue()).flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE))
        {
            ch.write(new ByteBuffer[] {header, state, trailer});
            while (header.hasRemaining() || state.hasRemaining() || trailer.hasRemaining())
            {
                ch.write(new ByteBuffer[] {header, state, trailer});
            }
            ch.force(true);
        }
        Files.move(tmp, folder.resolve(String.format("snapshot-%020d%s", p.seq, SUFFIX)), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        deleteOld();
    }

    private static long address(final ByteBuffer b)
    {
        return org.agrona.BufferUtil.address(b);
    }

    /** The state's bytes as a ByteBuffer view, without a copy when they are off-heap. */
    private static ByteBuffer stateBytes(final Pending p)
    {
        final DirectBuffer s = p.state;
        final ByteBuffer bb = s.byteBuffer();
        if (bb != null && bb.isDirect())
        {
            final int at = (int)(s.addressOffset() - address(bb));
            return bb.duplicate().clear().position(at).limit(at + p.length).slice();
        }
        final byte[] copy = new byte[p.length];
        s.getBytes(0, copy);
        return ByteBuffer.wrap(copy);
    }

    private void deleteOld() throws IOException
    {
        final List<Path> files = list(folder);
        for (int i = KEEP; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** The snapshot files of a folder, newest first. */
    private static List<Path> list(final Path folder) throws IOException
    {
        if (!Files.isDirectory(folder))
        {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder))
        {
            final List<Path> files = new ArrayList<>(s.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
            java.util.Collections.reverse(files);
            return files;
        }
    }

    /**
     * The newest snapshot of the journal in {@code dir} that is whole (its checksum), of this run (the
     * configuration the journal's header holds) and standing on this journal (the inputs document it names
     * ends with its input), or null. Each unusable one is reported to {@code warnings}, naming the file and why.
     */
    public static Loaded newestUsable(final Path dir, final JournalReader reader, final Consumer<String> warnings) throws IOException
    {
        return newestUsable(dir, reader, warnings, Long.MAX_VALUE);
    }

    /** As {@link #newestUsable(Path, JournalReader, Consumer)}, among the snapshots whose last input's time is not after {@code atOrBeforeTs}. */
    public static Loaded newestUsable(final Path dir, final JournalReader reader, final Consumer<String> warnings, final long atOrBeforeTs)
        throws IOException
    {
        final int configCrc = crcOf(reader.configuration());
        for (final Path f : list(dir.resolve(FOLDER)))
        {
            final Loaded l = load(f, configCrc, warnings);
            if (l == null)
            {
                continue;
            }
            if (dev.exitengine.core.ExitEngine.snapshotLastEventTs(l.state, 0) > atOrBeforeTs)
            {
                l.close();
                continue;
            }
            final long last = reader.lastSeqOfDocument(l.inputsIndex);
            final Integer inputsCrc = reader.documentCrc(true, l.inputsIndex);
            final Integer outputsCrc = l.outputsIndex < 0 ? Integer.valueOf(0) : reader.documentCrc(false, l.outputsIndex);
            final String why = last != l.seq
                ? "it holds input #" + l.seq + " but the journal's document at index " + l.inputsIndex
                    + (last < 0 ? " cannot be read" : " ends with input #" + last)
                : inputsCrc == null || inputsCrc != l.inputsCrc || outputsCrc == null || outputsCrc != l.outputsCrc
                    ? "it was taken on another journal (the documents it stands on differ)" : null;
            if (why != null)
            {
                warnings.accept("snapshot " + f + " is not used: " + why);
                l.close();
                continue;
            }
            return l;
        }
        return null;
    }

    private static Loaded load(final Path f, final int configCrc, final Consumer<String> warnings) throws IOException
    {
        final FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
        boolean ok = false;
        try
        {
            final long size = ch.size();
            if (size < HEADER + 4 || size > Integer.MAX_VALUE)
            {
                warnings.accept("snapshot " + f + " is not used: " + size + " bytes is no snapshot");
                return null;
            }
            final MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            m.order(ByteOrder.LITTLE_ENDIAN);
            final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(m.duplicate().limit((int)size - 4));
            if (m.getLong(0) != MAGIC)
            {
                warnings.accept("snapshot " + f + " is not used: not a snapshot file");
                return null;
            }
            final int length = m.getInt(HEADER - 4);
            if ((int)crc.getValue() != m.getInt((int)size - 4) || HEADER + (long)length + 4 != size)
            {
                warnings.accept("snapshot " + f + " is not used: it fails its checksum (damaged or cut short)");
                return null;
            }
            if (m.getInt(8) != configCrc)
            {
                warnings.accept("snapshot " + f + " is not used: it was taken under another configuration than the journal's");
                return null;
            }
            final Loaded l = new Loaded(f, m.getLong(12), m.getLong(20), m.getInt(28), m.getLong(32), m.getInt(40), m.getLong(44),
                new UnsafeBuffer(m, HEADER, length), ch);
            ok = true;
            return l;
        }
        finally
        {
            if (!ok)
            {
                ch.close();
            }
        }
    }

    @Override
    public void close()
    {
        synchronized (lock)
        {
            closed = true;
            lock.notifyAll();
        }
        try
        {
            writer.join(60_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
