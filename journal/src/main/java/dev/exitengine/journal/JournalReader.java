package dev.exitengine.journal;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.DecisionCodec;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.RollingChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.exitengine.core.codec.EventCodec.ORDER;

/**
 * Reads a journal back: its header, its inputs (names restored into a {@link Names}, events decoded
 * into one reused {@link EngineEvent}) and its outputs (decisions with their raw bytes). Documents are
 * read in place from Chronicle's memory, without a copy.
 */
public final class JournalReader implements AutoCloseable
{
    /** Receives each decoded input. The event is reused after the call. */
    @FunctionalInterface
    public interface InputVisitor
    {
        void onInput(EngineEvent event);
    }

    /** Receives each input as its record bytes, to decode where it is needed. */
    @FunctionalInterface
    public interface RawInputVisitor
    {
        /**
         * The event record at {@code offset}; {@code doc} is where its document stands after it, for
         * {@link EventCodec#decode(org.agrona.DirectBuffer, int, EngineEvent, EventCodec.Cursor)}.
         */
        void onInput(UnsafeBuffer buffer, int offset, EventCodec.Cursor doc);
    }

    /** Receives each output: the decoded decision and its record bytes. */
    @FunctionalInterface
    public interface OutputVisitor
    {
        void onOutput(Decision decision, UnsafeBuffer buffer, int offset, int length);
    }

    private final Path dir;
    private final ChronicleQueue inputs;
    private final ChronicleQueue outputs;
    private int formatVersion = -1;
    private String configuration;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    /** Whether documents end in a {@link JournalTrailer} (format 3 and later). */
    private boolean trailers;
    private final JournalTrailer.Crc crc = new JournalTrailer.Crc();
    private long lastFeedLine;
    private int lastInputsOfLine;
    private long documents;

    private JournalReader(final Path dir) throws IOException
    {
        this.dir = dir;
        if (!Files.isDirectory(dir.resolve(ChronicleJournal.INPUTS)))
        {
            throw new IOException(dir + " is not a journal (no " + ChronicleJournal.INPUTS + " folder)");
        }
        inputs = ChronicleQueue.singleBuilder(dir.resolve(ChronicleJournal.INPUTS)).rollCycle(ChronicleJournal.ROLL_CYCLE)
            .readOnly(true).build();
        outputs = Files.isDirectory(dir.resolve(ChronicleJournal.OUTPUTS))
            ? ChronicleQueue.singleBuilder(dir.resolve(ChronicleJournal.OUTPUTS)).rollCycle(ChronicleJournal.ROLL_CYCLE).readOnly(true).build()
            : null;
        readHeader();
    }

    public static JournalReader open(final Path dir) throws IOException
    {
        return new JournalReader(dir);
    }

    public Path dir()
    {
        return dir;
    }

    public int formatVersion()
    {
        return formatVersion;
    }

    /** The configuration text the run recorded ({@code EngineConfig.encode()}). */
    public String configuration()
    {
        return configuration;
    }

    private void readHeader() throws IOException
    {
        final ExcerptTailer tailer = inputs.createTailer().toStart();
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                throw new IOException("journal " + dir + " is empty");
            }
            final int length = wrap(dc.wire().bytes());
            if (length < ChronicleJournal.HEADER_TEXT_OFFSET
                || view.getInt(ChronicleJournal.HEADER_MARK_OFFSET, ORDER) != ChronicleJournal.HEADER_MARK)
            {
                throw new IOException("journal " + dir + " has no header");
            }
            formatVersion = view.getInt(ChronicleJournal.HEADER_VERSION_OFFSET, ORDER);
            trailers = formatVersion >= JournalTrailer.SINCE_FORMAT;
            final int len = view.getInt(ChronicleJournal.HEADER_TEXT_LENGTH_OFFSET, ORDER);
            final int expected = ChronicleJournal.HEADER_TEXT_OFFSET + len + (trailers ? JournalTrailer.HEADER_LENGTH : 0);
            if (len < 0 || (trailers && expected != length) || (!trailers && expected > length))
            {
                throw new IOException("journal " + dir + ": its header is damaged (" + length + " bytes where it says " + expected + ")");
            }
            if (trailers && view.getInt(length - JournalTrailer.CRC_LENGTH, ORDER) != crc.of(view, 0, length - JournalTrailer.CRC_LENGTH))
            {
                throw new IOException("journal " + dir + ": its header fails its checksum");
            }
            final byte[] text = new byte[len];
            view.getBytes(ChronicleJournal.HEADER_TEXT_OFFSET, text);
            configuration = new String(text, StandardCharsets.UTF_8);
        }
    }

    /** The feed position the last input document recorded ({@code JournalPort.feedPosition}); read the inputs first. */
    public long lastFeedLine()
    {
        return lastFeedLine;
    }

    /** See {@link #lastFeedLine}. */
    public int lastInputsOfLine()
    {
        return lastInputsOfLine;
    }

    /** Whether the journal's documents carry checksums and feed positions (format 3 and later). */
    public boolean hasTrailers()
    {
        return trailers;
    }

    /** Input documents read by the last {@link #readInputsRaw}, the header included. */
    public long inputDocuments()
    {
        return documents;
    }

    /** The refusal of a journal whose {@code what} ("inputs" or "outputs") have a gap after item #{@code after}. */
    static JournalDamagedException gap(final Path dir, final String what, final long after, final long dropped)
    {
        return new JournalDamagedException(dir, "a gap after " + (what.equals("inputs") ? "input" : "output") + " #" + after + ": "
            + dropped + " " + what + " documents were not written while journaling was stopped (a full disk or a failed write); "
            + "nothing after it can be re-run to the same state");
    }

    private int wrap(final Bytes<?> bytes)
    {
        final long length = bytes.readRemaining();
        view.wrap(bytes.addressForRead(bytes.readPosition()), (int)length);
        return (int)length;
    }

    /** Reads every input in order; names are restored into {@code names}. Returns the number of events. */
    public long readInputs(final Names names, final InputVisitor visitor)
    {
        final EngineEvent event = new EngineEvent();
        return readInputsRaw(names, (buffer, offset, doc) ->
        {
            try
            {
                EventCodec.decode(buffer, offset, event, doc);
            }
            catch (final RuntimeException ex)
            {
                throw new JournalDamagedException(dir, "input #" + doc.seq() + " does not decode: " + ex.getMessage());
            }
            visitor.onInput(event);
        });
    }

    /**
     * Reads every input record in order without decoding events; names are restored into {@code names}.
     * Fails with a {@link JournalDamagedException} naming the document and the input after which it stands
     * on a checksum mismatch, a record that does not decode or a gap in the input numbers.
     */
    public long readInputsRaw(final Names names, final RawInputVisitor visitor)
    {
        return readInputsRaw(names, visitor, -1, 0);
    }

    /**
     * As {@link #readInputsRaw(Names, RawInputVisitor)}, from the inputs document at queue index {@code index}
     * on, which must end with input #{@code afterSeq} (a snapshot's last): only the inputs after it are visited.
     */
    public long readInputsRawAfter(final long index, final long afterSeq, final Names names, final RawInputVisitor visitor)
    {
        return readInputsRaw(names, visitor, index, afterSeq);
    }

    /** The number of the last input in the inputs document at queue index {@code index}, or -1 when there is none such. */
    public long lastSeqOfDocument(final long index)
    {
        final long[] last = {-1};
        try
        {
            // the names of one document from the middle of the journal are not registered: they may not start at id 0
            readInputsRaw(null, (buffer, offset, doc) -> last[0] = doc.seq(), index, Long.MIN_VALUE, true);
        }
        catch (final JournalDamagedException ex)
        {
            return -1;
        }
        return last[0];
    }

    /** The trailer checksum of the inputs (or outputs) document at queue index {@code index}, or null when there is none. */
    public Integer documentCrc(final boolean inputsQueue, final long index)
    {
        final ChronicleQueue queue = inputsQueue ? inputs : outputs;
        if (queue == null || index < 0)
        {
            return null;
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (!tailer.moveToIndex(index))
            {
                return null;
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return null;
                }
                final int length = wrap(dc.wire().bytes());
                return length < 4 ? null : view.getInt(length - 4, ORDER);
            }
        }
    }

    private long readInputsRaw(final Names names, final RawInputVisitor visitor, final long index, final long afterSeq)
    {
        return readInputsRaw(names, visitor, index, afterSeq, false);
    }

    private long readInputsRaw(final Names names, final RawInputVisitor visitor, final long index, final long afterSeq,
        final boolean oneDocument)
    {
        final ExcerptTailer tailer = inputs.createTailer().toStart();
        if (index >= 0 && !tailer.moveToIndex(index))
        {
            throw new JournalDamagedException(dir, "no inputs document at index " + index + ", where a snapshot says input #"
                + afterSeq + " stands");
        }
        final EventCodec.Cursor doc = new EventCodec.Cursor();
        long count = 0;
        // from a snapshot's document: numbers are checked from its first record on
        long lastSeq = index >= 0 ? Long.MIN_VALUE : 0;
        documents = 0;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent() || (oneDocument && documents == 1))
                {
                    if (index >= 0 && !oneDocument && documents == 0)
                    {
                        throw new JournalDamagedException(dir, "the inputs document at index " + index + " cannot be read");
                    }
                    return count;
                }
                documents++;
                final int docLength = wrap(dc.wire().bytes());
                if (docLength >= 4 && view.getInt(ChronicleJournal.HEADER_MARK_OFFSET, ORDER) == ChronicleJournal.HEADER_MARK)
                {
                    continue;
                }
                if (docLength >= 12 && view.getInt(0, ORDER) == ChronicleJournal.GAP_MARK)
                {
                    throw gap(dir, "inputs", lastSeq, view.getLong(4, ORDER));
                }
                final int length = trailers ? docLength - JournalTrailer.INPUT_LENGTH : docLength;
                if (trailers)
                {
                    if (length <= 0 || view.getInt(docLength - JournalTrailer.CRC_LENGTH, ORDER)
                        != crc.of(view, 0, docLength - JournalTrailer.CRC_LENGTH))
                    {
                        throw new JournalDamagedException(dir, "inputs document #" + documents + " (after input #" + lastSeq
                            + ") fails its checksum");
                    }
                    lastFeedLine = view.getLong(docLength - JournalTrailer.FEED_LINE_FROM_END, ORDER);
                    lastInputsOfLine = view.getInt(docLength - JournalTrailer.INPUTS_OF_LINE_FROM_END, ORDER);
                }
                int offset = 0;
                doc.reset();
                while (offset < length)
                {
                    final byte kind = EventCodec.recordKind(view, offset);
                    final boolean compact = EventCodec.isCompact(kind);
                    final int recordLength;
                    try
                    {
                        recordLength = compact
                            ? EventCodec.nextCompact(view, offset, length, doc) : EventCodec.next(view, offset, length, doc);
                    }
                    catch (final RuntimeException ex)
                    {
                        throw new JournalDamagedException(dir, "inputs document #" + documents + " (after input #" + lastSeq
                            + ") does not decode at offset " + offset + ": " + ex.getMessage());
                    }
                    if (recordLength <= 0)
                    {
                        throw new JournalDamagedException(dir, "inputs document #" + documents + " (after input #" + lastSeq
                            + ") has a corrupt record at offset " + offset);
                    }
                    if (!compact && kind == EventCodec.KIND_NAME)
                    {
                        if (names != null)
                        {
                            EventCodec.decodeName(view, offset, names);
                        }
                    }
                    else
                    {
                        if (lastSeq != Long.MIN_VALUE && doc.seq() != lastSeq + 1)
                        {
                            throw new JournalDamagedException(dir, "inputs document #" + documents + ": input #" + doc.seq()
                                + " follows input #" + lastSeq + " (a gap)");
                        }
                        lastSeq = doc.seq();
                        if (lastSeq > afterSeq)
                        {
                            visitor.onInput(view, offset, doc);
                            count++;
                        }
                    }
                    offset += recordLength;
                }
            }
        }
    }

    /** Reads every output decision in order. Returns the number of decisions. */
    public long readOutputs(final OutputVisitor visitor)
    {
        return readOutputsThrough(Long.MAX_VALUE, visitor);
    }

    /** Reads the output decisions in order up to the outputs document at queue index {@code lastIndex}, inclusive (-1: none). */
    public long readOutputsThrough(final long lastIndex, final OutputVisitor visitor)
    {
        if (outputs == null || lastIndex < 0)
        {
            return 0;
        }
        try (OutputCursor cursor = new OutputCursor(dir, outputs, trailers, lastIndex))
        {
            return cursor.visitUpTo(Long.MAX_VALUE, visitor);
        }
    }

    /**
     * Reads inputs and outputs in the order they happened: each input, then the decisions it caused (the
     * outputs whose {@link Decision#seq} is its sequence number), then the next input. Both are streamed (one
     * document of each open at a time); names are restored into {@code names} as the inputs bring them.
     * Outputs of no journaled input (none in a sound journal) come last. Returns the number of inputs.
     */
    public long readInOrder(final Names names, final InputVisitor inputVisitor, final OutputVisitor outputVisitor)
    {
        if (outputs == null)
        {
            return readInputs(names, inputVisitor);
        }
        try (OutputCursor cursor = new OutputCursor(dir, outputs, trailers))
        {
            final long n = readInputs(names, event ->
            {
                final long seq = event.seq;
                inputVisitor.onInput(event);
                cursor.visitUpTo(seq, outputVisitor);
            });
            cursor.visitUpTo(Long.MAX_VALUE, outputVisitor);
            return n;
        }
    }

    /**
     * How many documents the inputs hold (the header and any gap marker included), counted from Chronicle's
     * index without reading them: the whole of {@link #inputDocuments} at the end of a read, for a progress bar.
     */
    public long inputDocumentCount()
    {
        return ((RollingChronicleQueue)inputs).entryCount();
    }

    @Override
    public void close()
    {
        inputs.close();
        if (outputs != null)
        {
            outputs.close();
        }
    }
}
