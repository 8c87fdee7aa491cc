package dev.exitengine.tools.postmortem;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.journal.JournalSnapshots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A journal's inputs through a fresh engine on this thread, for the post-mortem commands: each input is shown
 * to the caller before it goes in (who may stop there), the engine's decisions go to a listener, and between
 * two inputs the engine's state can be read (the caller-thread layout: each input is handled before the next).
 * The engine runs on the journal's configuration, or another one (what-if); without a venue by default (the
 * journal's own answers come as inputs). It may start from the journal's newest snapshot taken before a
 * given time, so a question about late in a long journal does not replay it from its start.
 */
public final class JournalRun implements AutoCloseable
{
    private final Path dir;
    private final JournalReader reader;
    private final EngineConfig journalConfig;
    private final ExitEngine engine;
    private final EngineEvent event = new EngineEvent();
    private boolean stopped;
    private long inputs;
    private long startSeq;

    private JournalRun(final Path dir, final JournalReader reader, final EngineConfig journalConfig, final ExitEngine engine)
    {
        this.dir = dir;
        this.reader = reader;
        this.journalConfig = journalConfig;
        this.engine = engine;
    }

    /**
     * @param config the engine's configuration; null for the journal's own
     * @param gateway the venue; null for none (answers come from the journal)
     * @param listener receives the decisions (may be null)
     */
    public static JournalRun open(final Path dir, final EngineConfig config, final OrderGateway gateway, final DecisionListener listener,
        final Consumer<String> errors) throws IOException
    {
        final JournalReader reader = JournalReader.open(dir);
        try
        {
            final EngineConfig journalConfig = EngineConfig.decode(reader.configuration());
            final EngineConfig c = config != null ? config : EngineConfig.decode(reader.configuration());
            c.layout = EngineConfig.Layout.CALLER_THREAD;
            c.wait = EngineConfig.Wait.YIELDING;
            c.lockstep = false;
            c.recordLatency = false;
            final ExitEngine.Builder b = ExitEngine.builder(c).errors(errors);
            if (gateway != null)
            {
                b.gateway(gateway);
            }
            if (listener != null)
            {
                b.listener(listener);
            }
            return new JournalRun(dir, reader, journalConfig, b.build().start(false));
        }
        catch (final RuntimeException ex)
        {
            reader.close();
            throw ex;
        }
    }

    /** The configuration the journal recorded. */
    public EngineConfig journalConfig()
    {
        return journalConfig;
    }

    public ExitEngine engine()
    {
        return engine;
    }

    /**
     * Starts from the journal's newest usable snapshot whose last input is not later than {@code ts}, when
     * the run is on the journal's own configuration (a snapshot holds that configuration's state). Call
     * before {@link #replay}. Returns the input the engine then holds (0: none fitted, the replay starts at the first).
     */
    public long startFromSnapshotAtOrBefore(final long ts) throws IOException
    {
        try (JournalSnapshots.Loaded s = JournalSnapshots.newestUsable(dir, reader, msg -> { }, ts))
        {
            if (s == null)
            {
                return 0;
            }
            engine.restore(s.state, 0, s.state.capacity());
            startSeq = s.seq;
            snapshotIndex = s.inputsIndex;
            return s.seq;
        }
    }

    private long snapshotIndex = -1;

    /**
     * Feeds the journal's inputs in order; {@code before} sees each (decoded, not yet in the engine) and
     * returns false to stop there, that input left out. Returns the inputs fed.
     */
    public long replay(final Predicate<EngineEvent> before)
    {
        final dev.exitengine.core.Ingress ingress = engine.ingress();
        final JournalReader.RawInputVisitor visitor = (buffer, offset, doc) ->
        {
            if (stopped)
            {
                return;
            }
            EventCodec.decode(buffer, offset, event, doc);
            if (before != null && !before.test(event))
            {
                stopped = true;
                return;
            }
            ingress.publishDecoded(event);
            inputs++;
        };
        if (snapshotIndex >= 0)
        {
            reader.readInputsRawAfter(snapshotIndex, startSeq, engine.names(), visitor);
        }
        else
        {
            reader.readInputsRaw(engine.names(), visitor);
        }
        engine.awaitQuiet();
        return inputs;
    }

    /** What {@link #replayEdited} does with one of the journal's inputs. */
    public enum Step
    {
        /** In it goes, as the engine's next input. */
        FEED,
        /** Left out; the replay goes on with the next (a what-if: a venue answer to a close that no longer happens). */
        LEAVE_OUT,
        /** Left out, and the replay ends here. */
        STOP
    }

    /**
     * Feeds the journal's inputs in order, each as the engine's next input under the next number, {@code before}
     * deciding for each (decoded, not yet in the engine; it may change it) whether it goes in, is left out or ends
     * the replay. Once one is left out, or the run's venue answers (its answers go in right after the input that
     * caused them, as in a run), the engine's input numbers are no longer the journal's. From the journal's first
     * input only: a snapshot holds the journal's own state. Returns the inputs fed.
     */
    public long replayEdited(final java.util.function.Function<EngineEvent, Step> before)
    {
        if (snapshotIndex >= 0)
        {
            throw new IllegalStateException("an edited replay starts from the journal's first input, not from a snapshot");
        }
        final dev.exitengine.core.Ingress ingress = engine.ingress();
        reader.readInputsRaw(engine.names(), (buffer, offset, doc) ->
        {
            if (stopped)
            {
                return;
            }
            EventCodec.decode(buffer, offset, event, doc);
            final Step step = before.apply(event);
            if (step == Step.STOP)
            {
                stopped = true;
                return;
            }
            if (step == Step.FEED)
            {
                ingress.publishRenumbered(event);
                inputs++;
            }
        });
        engine.awaitQuiet();
        return inputs;
    }

    /** The input the run started after (a snapshot's), 0 from the journal's first. */
    public long startSeq()
    {
        return startSeq;
    }

    /** Whether {@link #replay} stopped before the journal's end. */
    public boolean stopped()
    {
        return stopped;
    }

    @Override
    public void close()
    {
        try
        {
            engine.close();
        }
        finally
        {
            reader.close();
        }
    }
}
