package dev.exitengine.core;

import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of seeded schedules of ticks, entry fills, venue answers (acks, rejects, expiries, partial,
 * whole, late and duplicate fills), exchange snapshots and commands, checked after every event against
 * the invariants: never two closes in flight for one position; quantity never below zero; every tracked
 * position open or closing; every exit accounted for once and never more than was entered.
 */
class InterleavingInvariantsTest
{
    private static final int SCHEDULES = 3_000;
    private static final int EVENTS = 120;

    @Test
    void invariantsHoldOverThousandsOfSeededSchedules()
    {
        long closes = 0;
        long exits = 0;
        long failures = 0;
        for (int seed = 0; seed < SCHEDULES; seed++)
        {
            final long[] stats = runSchedule(seed, null);
            closes += stats[0];
            exits += stats[1];
            failures += stats[2];
        }
        System.out.printf("interleavings: %d schedules, %d closes, %d exits, %d failed closes%n", SCHEDULES, closes, exits, failures);
        assertTrue(closes > 10_000 && exits > 5_000 && failures > 1_000,
            "the schedules must exercise the lifecycle: " + closes + " closes, " + exits + " exits, " + failures + " failures");
    }

    @Test
    void theSameScheduleDecidesTheSameEveryTime()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            final List<String> first = new ArrayList<>();
            final List<String> second = new ArrayList<>();
            runSchedule(seed, first);
            runSchedule(seed, second);
            assertEquals(first, second, "seed " + seed);
        }
    }

    /**
     * Snapshots: each schedule (with ATR and fallback-source profiles too) is run once straight and once with
     * the evaluator snapshotted at a random step and replaced by a new one restored from the snapshot; the
     * decisions and the final state hash must be the same.
     */
    @Test
    void aRestoredSnapshotDecidesAsTheEvaluatorItWasTakenFrom()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            final List<String> straight = new ArrayList<>();
            final List<String> restored = new ArrayList<>();
            final long[] a = runSchedule(seed, straight, true, -1);
            final int at = 1 + new SplittableRandom(seed * 31L).nextInt(EVENTS - 1);
            final long[] b = runSchedule(seed, restored, true, at);
            assertEquals(straight, restored, "seed " + seed + " restored at step " + at);
            assertEquals(a[3], b[3], "seed " + seed + ": state hash");
        }
    }

    private static long[] runSchedule(final int seed, final List<String> record)
    {
        return runSchedule(seed, record, false, -1);
    }

    private static PositionEvaluator newEvaluator(final EngineConfig config)
    {
        return new PositionEvaluator(EngineCounters.inMemory(), null, config, EngineConfig.builtInDefaultProfile(),
            new dev.exitengine.core.api.RiskView());
    }

    private static long[] runSchedule(final int seed, final List<String> record, final boolean moreRules, final int restoreAt)
    {
        final SplittableRandom r = new SplittableRandom(seed);
        final EngineConfig config = new EngineConfig();
        config.defaultProfile = "p0";
        config.retryBaseMs = 50;
        config.breakerPauseMs = 2_000;
        config.maxPositionsPerAccount = 2 + r.nextInt(3);
        PositionEvaluator ev = newEvaluator(config);
        ev.defineInstrument(0, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        ev.defineInstrument(1, parse("0.01"), parse("0.01"), 0, parse("0.0002"), parse("0.0004"));
        ev.defineProfile(0, ExitProfile.builder("p0").takeProfit(LevelKind.PCT, parse("0.2")).stopLoss(LevelKind.PCT, parse("0.2")).build());
        ev.defineProfile(1, ExitProfile.builder("p1").stopLoss(LevelKind.NET, parse("1"))
            .trailingActivation(ActivationKind.PCT, parse("0.05")).trailingDistance(DistanceKind.CALLBACK_PCT, parse("0.1"))
            .scaleOut(LevelKind.PCT, parse("0.1"), parse("0.5")).maxHoldMinutes(1).build());
        if (moreRules)
        {
            ev.defineProfile(2, ExitProfile.builder("p2").stopLoss(LevelKind.ATR, parse("1.5")).atr(3, 1, true)
                .takeProfit(LevelKind.PCT, parse("0.3")).build());
            ev.defineProfile(3, ExitProfile.builder("p3").source(dev.exitengine.core.event.TriggerSource.MARK)
                .fallbackSource(dev.exitengine.core.event.TriggerSource.LAST).stopLoss(LevelKind.PCT, parse("0.15"))
                .breakeven(ActivationKind.PCT, parse("0.05"), parse("0.01")).roi(1, parse("0.1")).build());
        }

        final EngineEvent e = new EngineEvent();
        final long[] price = {parse("50000"), parse("3000")};
        final long[] tick = {parse("0.1"), parse("0.01")};
        long ts = 1_723_161_600_000L;
        long seq = 0;
        // the venue's view: client order id -> [position id, qty still open on the order]
        final Map<Long, long[]> working = new HashMap<>();
        final Map<Long, Long> inFlight = new HashMap<>();      // position id -> client order id in flight
        final Map<Long, Long> entered = new HashMap<>();       // position id -> quantity ever added
        final Map<Long, Long> held = new HashMap<>();          // position id -> quantity last reported
        final Map<Long, Long> exited = new HashMap<>();        // position id -> quantity exited
        final Set<Long> closed = new HashSet<>();
        final Set<Long> filledOrders = new HashSet<>();
        long closes = 0;
        long exits = 0;
        long failures = 0;
        for (int step = 0; step < EVENTS; step++)
        {
            if (step == restoreAt)
            {
                final dev.exitengine.core.snapshot.SnapshotWriter w = new dev.exitengine.core.snapshot.SnapshotWriter(64);
                ev.snapshotTo(w);
                final PositionEvaluator fresh = newEvaluator(config);
                fresh.restoreFrom(new dev.exitengine.core.snapshot.SnapshotReader(w.buffer(), 0, w.length()));
                assertEquals(ev.stateHash(), fresh.stateHash(), "seed " + seed + ": the restored state");
                ev = fresh;
            }
            ts += 1 + r.nextInt(400);
            final int kind = r.nextInt(100);
            final int sym = r.nextInt(2);
            if (moreRules && kind < 8)
            {
                e.clear(EventType.MARK);
                e.symbolId = sym;
                e.price = price[sym] + tick[sym] * (r.nextInt(5) - 2);
            }
            else if (kind < 35)
            {
                price[sym] += tick[sym] * (r.nextInt(41) - 20) * (sym == 0 ? 10 : 1);
                e.clear(EventType.TRADE);
                e.symbolId = sym;
                e.price = price[sym];
                e.qty = parse("0.001");
            }
            else if (kind < 55)
            {
                e.clear(EventType.FILL);
                e.symbolId = sym;
                e.accountId = r.nextInt(3);
                e.profileId = r.nextInt(moreRules ? 5 : 3) - 1;
                e.side = r.nextBoolean() ? Side.BUY : Side.SELL;
                e.positionSide = PositionSide.BOTH;
                e.qty = (sym == 0 ? parse("0.001") : parse("0.01")) * (1 + r.nextInt(20));
                e.price = price[sym];
                e.fee = Fixed.NONE;
            }
            else if (kind < 80 && !working.isEmpty())
            {
                final List<Long> ids = new ArrayList<>(working.keySet());
                ids.sort(Long::compare);
                final long coid = ids.get(r.nextInt(ids.size()));
                final long[] order = working.get(coid);
                final int answer = r.nextInt(10);
                if (answer < 2)
                {
                    e.clear(EventType.ORDER_REJECT);
                    e.text = r.nextInt(8) == 0 ? "-2022 ReduceOnly Order is rejected." : "-1008 busy";
                    working.remove(coid);
                }
                else if (answer < 3)
                {
                    e.clear(EventType.ORDER_EXPIRED);
                    working.remove(coid);
                }
                else if (answer < 4)
                {
                    e.clear(EventType.ORDER_ACK);
                }
                else
                {
                    e.clear(EventType.ORDER_FILL);
                    final long step0 = parse("0.001");
                    final long part = answer < 7 && order[1] > step0 ? Math.max(step0, (order[1] / 2) / step0 * step0) : order[1];
                    e.qty = part;
                    e.price = price[0];
                    e.fee = Fixed.NONE;
                    order[1] -= part;
                    if (order[1] <= 0)
                    {
                        working.remove(coid);
                        filledOrders.add(coid);
                    }
                }
                e.clientOrderId = coid;
                if (e.type == EventType.ORDER_FILL)
                {
                    final Position p = ev.book().byId(order[0]);
                    if (p != null)
                    {
                        e.price = price[p.symbolId];
                    }
                }
            }
            else if (kind < 84 && !filledOrders.isEmpty())
            {
                // a duplicate or late fill of an order that is already complete: must change nothing it should not
                final List<Long> ids = new ArrayList<>(filledOrders);
                ids.sort(Long::compare);
                e.clear(EventType.ORDER_FILL);
                e.clientOrderId = ids.get(r.nextInt(ids.size()));
                e.qty = parse("0.001");
                e.price = price[0];
                e.fee = Fixed.NONE;
            }
            else if (kind < 90)
            {
                e.clear(EventType.POSITION_SNAPSHOT);
                e.accountId = r.nextInt(3);
                final List<Position> mine = new ArrayList<>();
                for (final Position p : ev.book().all())
                {
                    if (p.accountId == e.accountId && r.nextInt(4) != 0)
                    {
                        mine.add(p);
                    }
                }
                final int extra = r.nextInt(3) == 0 ? 1 : 0;
                final int n = mine.size() + extra;
                final int[] symbols = new int[n];
                final PositionSide[] sides = new PositionSide[n];
                final long[] qty = new long[n];
                final long[] entry = new long[n];
                for (int i = 0; i < mine.size(); i++)
                {
                    final Position p = mine.get(i);
                    symbols[i] = p.symbolId;
                    sides[i] = PositionSide.BOTH;
                    final long q = r.nextInt(3) == 0 ? p.qty + (p.symbolId == 0 ? parse("0.001") : parse("0.01")) : p.qty;
                    qty[i] = p.isLong() ? q : -q;
                    entry[i] = p.averageEntry();
                }
                if (extra == 1)
                {
                    symbols[n - 1] = sym;
                    sides[n - 1] = PositionSide.BOTH;
                    qty[n - 1] = (sym == 0 ? parse("0.002") : parse("0.02")) * (r.nextBoolean() ? 1 : -1);
                    entry[n - 1] = price[sym];
                }
                e.payload = new Snapshot(symbols, sides, qty, entry);
            }
            else if (kind < 95)
            {
                e.clear(EventType.COMMAND);
                final int c = r.nextInt(4);
                e.accountId = r.nextInt(3);
                e.positionSide = PositionSide.BOTH;
                if (c == 0)
                {
                    e.command = CommandType.FORCED_UNWIND;
                    e.on = r.nextBoolean();
                }
                else if (c == 1)
                {
                    e.command = CommandType.TRADING_STATE;
                    e.tradingState = TradingState.values()[r.nextInt(3)];
                    if (r.nextBoolean())
                    {
                        e.accountId = -1;
                    }
                }
                else
                {
                    e.command = CommandType.MANUAL_CLOSE;
                    e.symbolId = sym;
                }
            }
            else
            {
                e.clear(EventType.TIMER);
            }
            e.seq = ++seq;
            e.ts = ts;
            // quantity entered: whatever an event added to a position (fills, snapshot corrections, adoptions)
            // held + in an exit's fills + exited only grows by entering: fills, snapshot corrections, adoptions
            held.clear();
            for (final Position p : ev.book().all())
            {
                held.put(p.id, p.qty + (p.close == null ? 0 : p.close.exitQty) + exited.getOrDefault(p.id, 0L));
            }
            ev.onEvent(e, seq, false);

            // ---- check what was decided
            for (int i = 0; i < e.decisions.size(); i++)
            {
                final Decision d = e.decisions.get(i);
                if (record != null)
                {
                    record.add(d.type + " " + d.positionId + " " + d.reason + " " + d.qty + " " + d.clientOrderId + " " + d.netPnl);
                }
                if (d.type == DecisionType.QUARANTINE)
                {
                    fail("seed " + seed + ": a position was quarantined: " + d.detail);
                }
                if (closed.contains(d.positionId) && d.type != DecisionType.REJECTED)
                {
                    fail("seed " + seed + ": decision for a position already closed: " + d.type + " " + d.positionId);
                }
                switch (d.type)
                {
                    case CLOSE:
                        closes++;
                        if (inFlight.containsKey(d.positionId))
                        {
                            fail("seed " + seed + " step " + step + ": second close in flight for position " + d.positionId);
                        }
                        inFlight.put(d.positionId, d.clientOrderId);
                        working.put(d.clientOrderId, new long[] {d.positionId, d.qty});
                        break;
                    case EXIT:
                        exits++;
                        inFlight.remove(d.positionId);
                        exited.merge(d.positionId, d.qty, Long::sum);
                        break;
                    case CLOSE_FAILED:
                        failures++;
                        inFlight.remove(d.positionId);
                        break;
                    case RECONCILE:
                        if (d.qty == 0)
                        {
                            inFlight.remove(d.positionId);
                            closed.add(d.positionId);
                        }
                        break;
                    default:
                        break;
                }
            }
            for (final Position p : ev.book().all())
            {
                final long before = held.getOrDefault(p.id, 0L);
                final long now = p.qty + (p.close == null ? 0 : p.close.exitQty) + exited.getOrDefault(p.id, 0L);
                if (now > before)
                {
                    entered.merge(p.id, now - before, Long::sum);
                }
            }
            for (final Map.Entry<Long, Long> x : exited.entrySet())
            {
                if (x.getValue() > entered.getOrDefault(x.getKey(), 0L))
                {
                    fail("seed " + seed + ": position " + x.getKey() + " exited " + x.getValue() + " of " + entered.get(x.getKey()) + " entered");
                }
            }
            // ---- check the book
            for (final Position p : ev.book().all())
            {
                if (p.qty <= 0 || p.entryNotional < 0 || p.entryFees < 0)
                {
                    fail("seed " + seed + " step " + step + ": position " + p.id + " qty " + p.qty + " notional " + p.entryNotional);
                }
                if (p.state != PositionState.OPEN && p.state != PositionState.CLOSING)
                {
                    fail("seed " + seed + ": tracked position " + p.id + " is " + p.state);
                }
                if (p.state == PositionState.OPEN && inFlight.containsKey(p.id))
                {
                    fail("seed " + seed + " step " + step + ": position " + p.id + " open with a close in flight");
                }
            }
            for (final Map.Entry<Long, Long> x : exited.entrySet())
            {
                final Position p = ev.book().byId(x.getKey());
                if (p == null)
                {
                    closed.add(x.getKey());
                }
            }
        }
        return new long[] {closes, exits, failures, ev.stateHash()};
    }
}
