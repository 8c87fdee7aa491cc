package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;

import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * A position evaluator driven directly as a plain event handler, loaded with {@code n} open positions
 * spread over up to 1,000 symbols, and the ticks to evaluate against it.
 *
 * <p>Every position uses the built-in default profile (+2.5 % / −1.5 % from entry). Regular entries
 * lie in [100, 100.5) so that one price band, {@link #NEUTRAL_PRICE} ± 0.2, is inside every position's
 * levels: a neutral tick triggers nothing, whatever n. Sides alternate within a symbol, so every
 * symbol with two or more positions has both a long and a short ladder. Instruments have a tick of
 * 0.00000001, so levels are exact and no two collide on a coarse grid.
 *
 * <p>With {@code k > 0}, {@link #rounds()} × k of the n positions form a trigger ladder on symbol 0:
 * longs in groups of k, group r entered at 101.5 − r × 0.01 (plus 0.0005 per member), so every
 * group's stops lie above the next group's and above every regular stop. {@link #triggerTick()}
 * prices symbol 0 at the lowest stop of the next group: it closes exactly those k positions and
 * nothing else. After {@link #rounds()} trigger ticks, {@link #reload()} fills the closes (the
 * positions exit) and opens the ladder again, outside any measurement.
 */
public final class BookFixture
{
    public static final int MAX_SYMBOLS = 1_000;
    public static final int MAX_ROUNDS = 100;
    public static final long NEUTRAL_PRICE = Fixed.parse("100.25");
    public static final long TICK_SIZE = 1;
    public static final long STEP_SIZE = Fixed.ONE / 1000;
    public static final long TAKER_FEE = 40_000L;
    public static final long MAKER_FEE = 20_000L;
    static final long START_TS = 1_723_161_600_000L;
    private static final long ENTRY_BASE = Fixed.of(100);
    private static final long LADDER_TOP = Fixed.parse("101.5");
    private static final long LADDER_STEP = Fixed.parse("0.01");
    private static final long ENTRY_SPACING = Fixed.parse("0.0005");
    private static final long STOP_FACTOR = Fixed.parse("98.5");
    private static final int NEUTRAL_PRICES = 4096;
    /** Accounts of the trigger ladder: after the regular positions' (at most 1,000 per symbol). */
    private static final int LADDER_ACCOUNTS = 1_000;

    public final int positions;
    public final int symbols;
    public final int triggered;
    public final PositionEvaluator evaluator;

    private final int rounds;
    private final int ladder;
    private final EngineEvent[] neutral;
    private final EngineEvent trigger = new EngineEvent();
    private final EngineEvent answer = new EngineEvent();
    private final long[] triggerPrices;
    private final long[] closed;
    private int closedCount;
    private int round;
    private int next;
    private long ts = START_TS;
    private long seq;

    /**
     * @param positions open positions to load, at least 1.
     * @param triggered how many of them one {@link #triggerTick()} closes; at most {@code positions}.
     */
    public BookFixture(final int positions, final int triggered)
    {
        this(positions, triggered, true);
    }

    /**
     * @param loaded whether to open the positions now; when false, {@link #load()} opens them later
     *               (to measure what they take alone).
     */
    public BookFixture(final int positions, final int triggered, final boolean loaded)
    {
        if (positions < 1)
        {
            throw new IllegalArgumentException("positions must be at least 1, was " + positions);
        }
        if (triggered < 0 || triggered > positions || triggered > 20)
        {
            throw new IllegalArgumentException("triggered must be in [0, min(20, positions=" + positions + ")], was " + triggered);
        }
        this.positions = positions;
        this.triggered = triggered;
        this.rounds = triggered == 0 ? 0 : Math.min(MAX_ROUNDS, positions / triggered);
        this.ladder = rounds * triggered;
        this.symbols = Math.min(MAX_SYMBOLS, Math.max(1, positions - ladder));
        if ((positions - ladder + symbols - 1) / symbols > LADDER_ACCOUNTS)
        {
            throw new IllegalArgumentException("at most " + LADDER_ACCOUNTS * MAX_SYMBOLS + " regular positions, was " + (positions - ladder));
        }
        this.evaluator = newEvaluator();
        for (int s = 0; s < symbols; s++)
        {
            evaluator.defineInstrument(s, TICK_SIZE, STEP_SIZE, 0, MAKER_FEE, TAKER_FEE);
        }
        neutral = neutralTicks();
        triggerPrices = new long[rounds];
        for (int r = 0; r < rounds; r++)
        {
            triggerPrices[r] = Fixed.mulDiv(ladderEntry(r, 0), STOP_FACTOR, Fixed.of(100), RoundingMode.CEILING);
        }
        closed = new long[Math.max(1, ladder)];
        if (loaded)
        {
            load();
        }
    }

    /**
     * An evaluator with the engine's default configuration except the position caps and the
     * rapid-entry detector, which a book of a million positions held by a thousand accounts would
     * trip (they are risk controls, not part of evaluating a tick).
     */
    public static PositionEvaluator newEvaluator()
    {
        final EngineConfig config = new EngineConfig();
        config.maxPositionsPerAccount = 0;
        config.maxPositionsGlobal = 0;
        config.maxPositionsPerSymbol = 0;
        config.rapidEntryCount = 0;
        return new PositionEvaluator(EngineCounters.inMemory(), null, config, EngineConfig.builtInDefaultProfile(), new RiskView());
    }

    /** Trigger ticks available between reloads. */
    public int rounds()
    {
        return rounds;
    }

    private static long ladderEntry(final int round, final int member)
    {
        return LADDER_TOP - round * LADDER_STEP + member * ENTRY_SPACING;
    }

    /**
     * The j-th regular position of a symbol gets entry step {@code scatter(j)}: a permutation of
     * 0..999, so that levels arrive in no particular order, as real entries do.
     */
    static int scatter(final int j)
    {
        return (int)((j % 1000) * 617L % 1000);
    }

    /** Opens the positions (once). */
    public void load()
    {
        if (evaluator.book().size() > 0)
        {
            throw new IllegalStateException("already loaded");
        }
        final EngineEvent fill = new EngineEvent();
        final int regular = positions - ladder;
        final int[] perSymbol = new int[symbols];
        for (int i = 0; i < ladder; i++)
        {
            open(fill, LADDER_ACCOUNTS + i, 0, true, ladderEntry(i / triggered, i % triggered));
        }
        for (int r = 0; r < regular; r++)
        {
            final int symbol = r % symbols;
            final int j = perSymbol[symbol]++;
            // account j holds the j-th position of every symbol: a thousand accounts at most (at a million
            // positions); sides alternate within a symbol, and between symbols for the first of each
            open(fill, j, symbol, ((j + symbol) & 1) == 0, ENTRY_BASE + scatter(j) * ENTRY_SPACING);
        }
        if (evaluator.book().size() != positions)
        {
            throw new IllegalStateException("loaded " + evaluator.book().size() + " positions, wanted " + positions);
        }
    }

    private void open(final EngineEvent fill, final int account, final int symbol, final boolean isLong, final long entry)
    {
        fill.clear(EventType.FILL);
        fill.seq = ++seq;
        fill.ts = ts;
        fill.symbolId = symbol;
        fill.accountId = account;
        fill.side = isLong ? Side.BUY : Side.SELL;
        fill.positionSide = PositionSide.BOTH;
        fill.qty = Fixed.ONE;
        fill.price = entry;
        fill.fee = 0;
        fill.orderId = "bench";
        evaluator.onEvent(fill, seq, true);
    }

    private EngineEvent[] neutralTicks()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final EngineEvent[] ticks = new EngineEvent[NEUTRAL_PRICES];
        final long spread = Fixed.parse("0.2");
        for (int i = 0; i < ticks.length; i++)
        {
            final EngineEvent e = new EngineEvent();
            e.clear(EventType.TRADE);
            // symbols in a scattered order, as a real feed's would be
            e.symbolId = random.nextInt(symbols);
            e.price = NEUTRAL_PRICE - spread + random.nextLong(2 * spread);
            e.qty = STEP_SIZE;
            ticks[i] = e;
        }
        return ticks;
    }

    /** The next neutral tick (triggers nothing), stamped and ready for {@code evaluator.onEvent}. */
    public EngineEvent nextNeutral()
    {
        final EngineEvent e = neutral[next];
        next = (next + 1) & (NEUTRAL_PRICES - 1);
        e.seq = ++seq;
        e.ts = ++ts;
        return e;
    }

    /** Evaluates one neutral tick; returns the number of decisions it made (0 unless something is wrong). */
    public int evaluateNeutral()
    {
        final EngineEvent e = nextNeutral();
        evaluator.onEvent(e, e.seq, true);
        return e.decisions.size();
    }

    /**
     * Evaluates the next trigger tick: returns the number of close decisions (k). At most
     * {@link #rounds()} before a {@link #reload()}.
     */
    public int triggerTick()
    {
        if (round == rounds)
        {
            throw new IllegalStateException("all " + rounds + " trigger rounds used: reload() first");
        }
        final EngineEvent e = trigger;
        e.clear(EventType.TRADE);
        e.seq = ++seq;
        e.ts = ++ts;
        e.symbolId = 0;
        e.price = triggerPrices[round++];
        e.qty = STEP_SIZE;
        evaluator.onEvent(e, e.seq, true);
        int closes = 0;
        final int n = e.decisions.size();
        for (int i = 0; i < n; i++)
        {
            final Decision d = e.decisions.get(i);
            if (d.type == DecisionType.CLOSE)
            {
                closed[closedCount++] = d.clientOrderId;
                closes++;
            }
        }
        return closes;
    }

    /**
     * Evaluates every trigger tick left before a {@link #reload()}, checking that each closes exactly
     * {@link #triggered} positions; returns how many ticks it evaluated.
     */
    public int triggerAllRounds()
    {
        for (int r = 0; r < rounds(); r++)
        {
            if (triggerTick() != triggered)
            {
                throw new IllegalStateException("a trigger tick did not close exactly " + triggered);
            }
        }
        return rounds();
    }

    /**
     * Fills every close the trigger ticks decided (the positions exit) and opens the ladder again, so
     * that {@link #rounds()} more trigger ticks find the same book.
     */
    public void reload()
    {
        for (int i = 0; i < closedCount; i++)
        {
            final EngineEvent e = answer;
            e.clear(EventType.ORDER_FILL);
            e.seq = ++seq;
            e.ts = ts;
            e.clientOrderId = closed[i];
            e.qty = Fixed.ONE;
            e.price = triggerPrices[0];
            e.fee = 0;
            evaluator.onEvent(e, e.seq, true);
        }
        closedCount = 0;
        // the symbol's last price back among the neutral ones: a position armed below the last trigger price would
        // close on its own fill (its stop already crossed), not wait for the next trigger tick
        final EngineEvent back = answer;
        back.clear(EventType.TRADE);
        back.seq = ++seq;
        back.ts = ++ts;
        back.symbolId = 0;
        back.price = NEUTRAL_PRICE;
        back.qty = STEP_SIZE;
        evaluator.onEvent(back, back.seq, true);
        for (int r = 0; r < round; r++)
        {
            for (int m = 0; m < triggered; m++)
            {
                open(answer, LADDER_ACCOUNTS + r * triggered + m, 0, true, ladderEntry(r, m));
            }
        }
        round = 0;
        if (evaluator.book().size() != positions)
        {
            throw new IllegalStateException("after reload the book holds " + evaluator.book().size() + " positions, not " + positions);
        }
    }
}
