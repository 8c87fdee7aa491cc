package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.Ingress;
import dev.exitengine.core.NamedInputs;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.journal.ChronicleJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A whole engine, as an application embeds it, for the pipeline benchmarks: {@code symbols}
 * instruments (tick 0.00000001), one position per symbol on the default profile (entry 100,
 * levels +2.5 % / −1.5 %), and neutral ticks (100.05–100.45) published by id on the zero-allocation
 * path. The journal is a {@link ChronicleJournal} in {@code journalDir}, or none.
 */
public final class EngineRig implements AutoCloseable
{
    public static final String SYMBOL_PREFIX = "S";

    public final ExitEngine engine;
    /** Inputs by id: what the benchmarks measure. */
    public final Ingress ingress;
    /** Inputs by name, the way feeds deliver them (they end in {@link #ingress}). */
    public final NamedInputs inputs;
    public final int symbols;
    private final int[] symbolIds;
    private final long[] tickPrice = new long[4096];
    private final int[] tickSymbol = new int[4096];
    private long ts = BookFixture.START_TS;
    private long published;
    private dev.exitengine.journal.JournalSnapshots snapshots;
    private final java.util.concurrent.atomic.AtomicLong errorCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();

    public EngineRig(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final Path journalDir, final int symbols,
        final OrderGateway gateway, final DecisionListener listener, final boolean recordLatency)
    {
        this(layout, wait, null, journalDir, symbols, gateway, listener, recordLatency, 0);
    }

    /** @param waitStrategy the consumers' wait, in place of the one {@code wait} names; null for that one */
    public EngineRig(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final com.lmax.disruptor.WaitStrategy waitStrategy,
        final Path journalDir, final int symbols, final OrderGateway gateway, final DecisionListener listener, final boolean recordLatency)
    {
        this(layout, wait, waitStrategy, journalDir, symbols, gateway, listener, recordLatency, 0);
    }

    /** @param snapshotEvery with a journal, a snapshot into its folder every so many inputs, at {@link ExitEngine#checkpoint()} (0: none) */
    public EngineRig(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final com.lmax.disruptor.WaitStrategy waitStrategy,
        final Path journalDir, final int symbols, final OrderGateway gateway, final DecisionListener listener, final boolean recordLatency,
        final long snapshotEvery)
    {
        this.symbols = symbols;
        final EngineConfig config = config(layout, wait, recordLatency, symbols);
        final ExitEngine.Builder b = ExitEngine.builder(config).errors(msg ->
        {
            errorCount.incrementAndGet();
            firstError.compareAndSet(null, msg);
        });
        if (journalDir != null)
        {
            try
            {
                final ChronicleJournal journal = ChronicleJournal.create(journalDir);
                b.journal(journal);
                if (snapshotEvery > 0)
                {
                    snapshots = new dev.exitengine.journal.JournalSnapshots(journal, msg -> firstError.compareAndSet(null, msg));
                    b.snapshots(snapshots, snapshotEvery);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        if (gateway != null)
        {
            b.gateway(gateway);
        }
        if (waitStrategy != null)
        {
            b.waitStrategy(waitStrategy);
        }
        if (listener != null)
        {
            b.listener(listener);
        }
        engine = b.build().start();
        ingress = engine.ingress();
        inputs = engine.inputs();
        symbolIds = new int[symbols];
        for (int s = 0; s < symbols; s++)
        {
            symbolIds[s] = ingress.symbolId(SYMBOL_PREFIX + s);
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < tickPrice.length; i++)
        {
            tickSymbol[i] = symbolIds[random.nextInt(symbols)];
            tickPrice[i] = BookFixture.NEUTRAL_PRICE - 20_000_000L + random.nextLong(40_000_000L);
        }
    }

    /** The rig's configuration: what a resumed engine over its journal must be built with. */
    public static EngineConfig config(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final boolean recordLatency,
        final int symbols)
    {
        final EngineConfig config = new EngineConfig();
        config.layout = layout;
        config.wait = wait;
        config.recordLatency = recordLatency;
        // the rigs' entry fills carry the fixture's 2024 times and their ticks LatencyHarness.TS_BASE (2027):
        // a jump the time-ahead rule exists to refuse in real feeds, and harmless here
        config.maxTimeAheadMs = Long.MAX_VALUE / 4;
        for (int s = 0; s < symbols; s++)
        {
            config.instruments.add(new EngineConfig.InstrumentDef(SYMBOL_PREFIX + s, BookFixture.TICK_SIZE, BookFixture.STEP_SIZE, 0,
                BookFixture.MAKER_FEE, BookFixture.TAKER_FEE));
        }
        return config;
    }

    /** Opens {@code perSymbol} positions on every symbol (longs and shorts alternating), entry 100 + i × 0.0005. */
    public void openPositions(final int perSymbol)
    {
        int account = 0;
        for (int j = 0; j < perSymbol; j++)
        {
            for (int s = 0; s < symbols; s++)
            {
                final boolean isLong = ((j + s) & 1) == 0;
                inputs.fill(ts, "a" + account++, SYMBOL_PREFIX + s, isLong ? Side.BUY : Side.SELL, PositionSide.BOTH, Fixed.ONE,
                    Fixed.of(100) + (j % 1000) * 50_000L, 0, "o" + account, null);
            }
        }
        engine.awaitQuiet();
    }

    /** Publishes one neutral tick by id (nothing triggers). */
    public void publishNeutral()
    {
        final int i = (int)(published++ & (tickPrice.length - 1));
        if ((published & 1023) == 0)
        {
            ts++;
        }
        ingress.publishTrade(tickSymbol[i], ts, tickPrice[i], BookFixture.STEP_SIZE);
    }

    /** Publishes {@code n} neutral ticks as fast as the ring takes them and waits until all are handled; returns nanoseconds. */
    public long run(final long n)
    {
        final long t0 = System.nanoTime();
        for (long i = 0; i < n; i++)
        {
            publishNeutral();
        }
        engine.awaitQuiet();
        return System.nanoTime() - t0;
    }

    public int symbolId(final int symbol)
    {
        return symbolIds[symbol];
    }

    /** Event time of the next tick (milliseconds; advances one per 1,024 ticks). */
    public long ts()
    {
        return ts;
    }

    public void advanceTs()
    {
        ts++;
    }

    /** Throws when the engine refused an input or a handler failed: a benchmark of a broken run measures nothing. */
    public void checkNoErrors()
    {
        if (errorCount.get() > 0)
        {
            throw new IllegalStateException(errorCount.get() + " engine errors, the first: " + firstError.get());
        }
    }

    @Override
    public void close()
    {
        engine.close();
        if (snapshots != null)
        {
            snapshots.close();
        }
    }
}
