package dev.exitengine.core.position;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.snapshot.SnapshotReader;
import dev.exitengine.core.snapshot.SnapshotWriter;

/** One position's whole state in a snapshot: identity, quantity and entry, lots, levels, rule state, the exit in progress. */
final class PositionRecords
{
    private static final PositionSide[] SIDES = PositionSide.values();
    private static final PositionState[] STATES = PositionState.values();
    private static final ExitReason[] REASONS = ExitReason.values();

    private PositionRecords()
    {
    }

    static void write(final Position p, final SnapshotWriter w, final StateRefs refs)
    {
        w.putLong(p.id);
        w.putInt(p.accountId);
        w.putInt(p.symbolId);
        w.putEnum(p.side);
        w.putBoolean(p.hedge);
        w.putEnum(p.state);
        w.putInt(refs.profile(p.profile));
        w.putBoolean(p.onFallback);
        w.putInt(p.profileId);
        w.putLong(p.qty);
        w.putLong(p.entryNotional);
        w.putLong(p.entryFees);
        w.putLong(p.entryTs);
        w.putLong(p.lotPrice);
        w.putBoolean(p.lots != null);
        if (p.lots != null)
        {
            p.lots.snapshotTo(w);
        }
        w.putLong(p.realizedPnl);
        w.putLong(p.takeProfit);
        w.putLong(p.stopLoss);
        w.putLong(p.stopKey);
        w.putEnum(p.stopReason);
        w.putLong(p.targetKey);
        w.putBoolean(p.rules != null);
        if (p.rules != null)
        {
            writeRules(p.rules, w, refs);
        }
        w.putBoolean(p.close != null);
        if (p.close != null)
        {
            writeClose(p.close, w);
        }
    }

    static Position read(final SnapshotReader r, final StateRefs refs)
    {
        final long id = r.getLong();
        final int accountId = r.getInt();
        final int symbolId = r.getInt();
        final PositionSide side = r.getEnum(SIDES);
        final boolean hedge = r.getBoolean();
        final Position p = new Position(id, accountId, symbolId, side, hedge);
        p.state = r.getEnum(STATES);
        p.profile = refs.profile(r.getInt());
        p.onFallback = r.getBoolean();
        p.profileId = r.getInt();
        p.qty = r.getLong();
        p.entryNotional = r.getLong();
        p.entryFees = r.getLong();
        p.entryTs = r.getLong();
        p.lotPrice = r.getLong();
        if (r.getBoolean())
        {
            p.lots = Lots.restoreFrom(r);
        }
        p.realizedPnl = r.getLong();
        p.takeProfit = r.getLong();
        p.stopLoss = r.getLong();
        p.stopKey = r.getLong();
        p.stopReason = r.getEnum(REASONS);
        p.targetKey = r.getLong();
        if (r.getBoolean())
        {
            p.rules = readRules(r, refs);
        }
        if (r.getBoolean())
        {
            p.close = readClose(r);
        }
        return p;
    }

    private static void writeRules(final RuleState s, final SnapshotWriter w, final StateRefs refs)
    {
        w.putLong(s.trailActivation);
        w.putBoolean(s.trailActive);
        w.putLong(s.peak);
        w.putLong(s.trailLevel);
        w.putLong(s.breakevenTrigger);
        w.putBoolean(s.breakevenActive);
        w.putLong(s.breakevenStop);
        w.putLong(s.floorActivation);
        w.putBoolean(s.floorActive);
        w.putLong(s.floorLevel);
        w.putInt(s.scaleIndex);
        w.putLong(s.scalePrice);
        w.putLong(s.initialQty);
        w.putBoolean(s.scaledOut);
        w.putLong(s.timeoutAt);
        w.putInt(s.roiIndex);
        w.putLong(s.roiLevel);
        w.putLong(s.nextRoiAt);
        w.putLong(s.atrStop);
        w.putLong(s.atrPeak);
        w.putInt(refs.tracker(s.volatility));
    }

    private static RuleState readRules(final SnapshotReader r, final StateRefs refs)
    {
        final RuleState s = new RuleState();
        s.trailActivation = r.getLong();
        s.trailActive = r.getBoolean();
        s.peak = r.getLong();
        s.trailLevel = r.getLong();
        s.breakevenTrigger = r.getLong();
        s.breakevenActive = r.getBoolean();
        s.breakevenStop = r.getLong();
        s.floorActivation = r.getLong();
        s.floorActive = r.getBoolean();
        s.floorLevel = r.getLong();
        s.scaleIndex = r.getInt();
        s.scalePrice = r.getLong();
        s.initialQty = r.getLong();
        s.scaledOut = r.getBoolean();
        s.timeoutAt = r.getLong();
        s.roiIndex = r.getInt();
        s.roiLevel = r.getLong();
        s.nextRoiAt = r.getLong();
        s.atrStop = r.getLong();
        s.atrPeak = r.getLong();
        s.volatility = refs.tracker(r.getInt());
        return s;
    }

    private static void writeClose(final CloseState c, final SnapshotWriter w)
    {
        w.putEnum(c.reason);
        w.putLong(c.level);
        w.putLong(c.triggerPrice);
        w.putLong(c.qty);
        w.putLong(c.filledQty);
        w.putLong(c.retryAt);
        w.putInt(c.attempt);
        w.putLong(c.clientOrderId);
        w.putLong(c.exitQty);
        w.putLong(c.exitNotional);
        w.putLong(c.exitFees);
        w.putLong(c.exitEntryNotional);
        w.putLong(c.exitEntryFees);
        w.putLong(c.exitFillPrice);
    }

    private static CloseState readClose(final SnapshotReader r)
    {
        final CloseState c = new CloseState();
        c.reason = r.getEnum(REASONS);
        c.level = r.getLong();
        c.triggerPrice = r.getLong();
        c.qty = r.getLong();
        c.filledQty = r.getLong();
        c.retryAt = r.getLong();
        c.attempt = r.getInt();
        c.clientOrderId = r.getLong();
        c.exitQty = r.getLong();
        c.exitNotional = r.getLong();
        c.exitFees = r.getLong();
        c.exitEntryNotional = r.getLong();
        c.exitEntryFees = r.getLong();
        c.exitFillPrice = r.getLong();
        return c;
    }
}
