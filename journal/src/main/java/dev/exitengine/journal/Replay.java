package dev.exitengine.journal;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.DecisionCodec;
import dev.exitengine.core.codec.DecisionLayout;
import dev.exitengine.core.event.Decision;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Re-runs a journal's inputs through a fresh engine built from the configuration the journal recorded
 * and, with verification, compares the outputs with the journal's, record by record and byte for
 * byte, naming the first difference.
 */
public final class Replay
{
    /** What a replay found. */
    public static final class Result
    {
        public long inputs;
        public long journaledOutputs;
        public long replayedOutputs;
        public boolean verified;
        public boolean identical = true;
        public String firstDifference;
        public long elapsedNanos;
        /** The replayed engine's final state hash. */
        public long stateHash;
        /** The final state hash the journal recorded, or null when it holds none (see {@link ChronicleJournal#recordFinalState}). */
        public Long journaledStateHash;
    }

    private Replay()
    {
    }

    /**
     * @param dir the journal folder
     * @param verify compare outputs with the journal's
     * @param listener receives the replay's decisions (may be null)
     * @param progress receives the number of inputs replayed so far every 100,000 (may be null)
     */
    public static Result run(final Path dir, final boolean verify, final DecisionListener listener, final Consumer<String> errors,
        final LongConsumer progress) throws IOException
    {
        final Result result = new Result();
        final long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(dir))
        {
            final EngineConfig config = EngineConfig.decode(reader.configuration());
            // the reader's thread runs the pipeline itself: nothing to hand off, nothing to wait for
            config.layout = EngineConfig.Layout.CALLER_THREAD;
            config.wait = EngineConfig.Wait.YIELDING; // no consumer to wake: a blocking strategy would take a lock per publish
            config.lockstep = false;
            config.recordLatency = false;
            final OutputCapture capture = new OutputCapture(verify);
            final ExitEngine.Builder builder = ExitEngine.builder(config).journal(capture).errors(errors);
            if (listener != null)
            {
                builder.listener(listener);
            }
            final ExitEngine engine = builder.build().start(false);
            final Names names = engine.names();
            try
            {
                final dev.exitengine.core.Ingress ingress = engine.ingress();
                final long[] n = {0};
                result.inputs = reader.readInputsRaw(names, (buffer, offset, doc) ->
                {
                    ingress.publishEncoded(buffer, offset, doc);
                    if (progress != null && ++n[0] % 100_000 == 0)
                    {
                        progress.accept(n[0]);
                    }
                });
            }
            finally
            {
                engine.close();
            }
            result.stateHash = engine.stateHash();
            if (verify)
            {
                result.verified = true;
                compare(reader, capture, names, result);
                result.journaledStateHash = ChronicleJournal.readFinalState(dir);
                if (result.identical && result.journaledStateHash != null && result.journaledStateHash != result.stateHash)
                {
                    result.identical = false;
                    result.firstDifference = String.format("final state hash differs: journal %016x, replay %016x "
                        + "(every output matched: the state diverged without an output showing it)", result.journaledStateHash,
                        result.stateHash);
                }
                if (result.identical && engine.lastError() != null)
                {
                    // an input a handler could not take: the outputs may agree by chance, the run did not
                    result.identical = false;
                    result.firstDifference = "the replay met errors (" + engine.counters().get(dev.exitengine.core.api.Counter.ERRORS)
                        + "), the last: " + engine.lastError();
                }
                if (result.identical && result.inputs == 0)
                {
                    result.identical = false;
                    result.firstDifference = "the journal holds no inputs: nothing was proven";
                }
            }
            else
            {
                result.replayedOutputs = capture.count;
            }
        }
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }

    private static void compare(final JournalReader reader, final OutputCapture capture, final Names names, final Result result)
    {
        final Decision replayed = new Decision();
        final int[] offset = {0};
        final long[] index = {0};
        result.replayedOutputs = capture.count;
        result.journaledOutputs = reader.readOutputs((decision, buffer, recordOffset, length) ->
        {
            final long n = index[0]++;
            if (!result.identical)
            {
                return;
            }
            if (offset[0] >= capture.length)
            {
                result.identical = false;
                result.firstDifference = "output #" + (n + 1) + " (input #" + decision.seq + ") is in the journal but the replay did not make it: "
                    + DecisionJson.toJson(decision, names);
                return;
            }
            final int replayedLength = capture.buffer.getInt(offset[0] + DecisionLayout.LENGTH_OFFSET, dev.exitengine.core.codec.EventCodec.ORDER);
            boolean same = replayedLength == length;
            for (int i = 0; same && i < length; i++)
            {
                same = buffer.getByte(recordOffset + i) == capture.buffer.getByte(offset[0] + i);
            }
            if (!same)
            {
                DecisionCodec.decode(capture.buffer, offset[0], replayed);
                result.identical = false;
                result.firstDifference = "output #" + (n + 1) + " (input #" + decision.seq + ") differs:\n  journal: "
                    + DecisionJson.toJson(decision, names) + "\n  replay:  " + DecisionJson.toJson(replayed, names);
                return;
            }
            offset[0] += replayedLength;
        });
        if (result.identical && result.replayedOutputs != result.journaledOutputs)
        {
            result.identical = false;
            DecisionCodec.decode(capture.buffer, offset[0], replayed);
            result.firstDifference = "output #" + (result.journaledOutputs + 1) + " (input #" + replayed.seq
                + ") was made by the replay but is not in the journal: " + DecisionJson.toJson(replayed, names);
        }
    }

    /**
     * Counts the replay's output records and, when they are to be compared with the journal's, keeps
     * them in memory. A replay that is not verified keeps nothing: growing a buffer for every output
     * of ten million events had the kernel zeroing fresh pages for a tenth of the replay's time.
     */
    static final class OutputCapture implements JournalPort
    {
        final ExpandableDirectByteBuffer buffer;
        private final boolean keep;
        int length;
        long count;

        OutputCapture(final boolean keep)
        {
            this.keep = keep;
            buffer = new ExpandableDirectByteBuffer(keep ? 1 << 16 : 0);
        }

        @Override
        public void writeHeader(final int formatVersion, final String configuration)
        {
        }

        @Override
        public void appendInputs(final DirectBuffer b, final int offset, final int len)
        {
        }

        @Override
        public void appendOutputs(final DirectBuffer b, final int offset, final int len)
        {
            if (keep)
            {
                buffer.putBytes(length, b, offset, len);
                length += len;
            }
            int i = 0;
            while (i < len)
            {
                i += b.getInt(offset + i + DecisionLayout.LENGTH_OFFSET, dev.exitengine.core.codec.EventCodec.ORDER);
                count++;
            }
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean recordsInputs()
        {
            return false;
        }
    }

}
