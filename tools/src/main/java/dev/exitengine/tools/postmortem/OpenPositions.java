package dev.exitengine.tools.postmortem;

import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.RuleState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions an engine holds now, each as one record: quantity, entry, the levels in force, the rule state
 * (trailing peak and level, breakeven, profit floor, scale-outs done, time rules) and the unrealized net PnL
 * at the last price of the position's trigger source (after entry fees and the exit fee the level math
 * assumes). Read on a quiet engine, between two inputs.
 */
final class OpenPositions
{
    private OpenPositions()
    {
    }

    static List<Map<String, Object>> of(final ExitEngine engine)
    {
        final PositionEvaluator ev = engine.evaluator();
        final Names names = engine.names();
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final Position p : ev.book().all())
        {
            out.add(record(p, ev, names));
        }
        return out;
    }

    static Map<String, Object> record(final Position p, final PositionEvaluator ev, final Names names)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("positionId", p.id);
        m.put("account", names.account(p.accountId));
        m.put("symbol", names.symbol(p.symbolId));
        m.put("positionSide", p.side.name());
        m.put("state", p.state.name());
        m.put("profile", p.profile == null ? null : p.profile.name);
        m.put("qty", Records.fixed(p.qty));
        m.put("entryPrice", Records.fixed(p.averageEntry()));
        m.put("entryTime", dev.exitengine.tools.TimeOption.format(p.entryTs));
        m.put("takeProfit", Records.fixed(p.takeProfit));
        m.put("stopLoss", Records.fixed(p.stopLoss));
        final RuleState r = p.rules;
        m.put("trailingPeak", r == null || !r.trailActive ? null : Records.fixed(r.peak));
        m.put("trailingStop", r == null ? null : Records.fixed(r.trailLevel));
        m.put("breakevenArmed", r == null ? null : r.breakevenActive);
        m.put("breakevenStop", r == null ? null : Records.fixed(r.breakevenStop));
        m.put("profitFloor", r == null || !r.floorActive ? null : Records.fixed(r.floorLevel));
        m.put("scaleOutsDone", r == null ? null : r.scaleIndex);
        m.put("atrStop", r == null ? null : Records.fixed(r.atrStop));
        m.put("timeoutAt", r == null || r.timeoutAt == Long.MAX_VALUE ? null : r.timeoutAt);
        final long price = ev.sourcePrice(p);
        final Instrument inst = ev.instrument(p.symbolId);
        m.put("source", p.source().name());
        m.put("price", Records.fixed(price));
        m.put("netPnl", price == Fixed.NONE || inst == null ? null : Records.fixed(p.unrealizedNet(price, inst.takerFeeModel)));
        m.put("realizedPnl", Records.fixed(p.realizedPnl));
        return m;
    }
}
