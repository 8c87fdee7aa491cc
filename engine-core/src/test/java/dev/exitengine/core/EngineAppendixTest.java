package dev.exitengine.core;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.rules.ExitProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineAppendixTest
{
    static List<String> runAppendixScenario(final EngineConfig.Layout layout, final EngineConfig.Wait wait)
    {
        final EngineConfig config = new EngineConfig();
        config.layout = layout;
        config.wait = wait;
        config.lockstep = true;
        final List<String> lines = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        try (ExitEngine engine = ExitEngine.builder(config).gateway(new RecordingGateway())
            .listener((d, names) -> lines.add(DecisionJson.toJson(d, names))).errors(errors::add).build().start())
        {
            final NamedInputs in = engine.inputs();
            in.instrument("BTCUSDT", parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            in.profile(ExitProfile.builder("usd10").takeProfit(ExitProfile.LevelKind.NET, parse("10"))
                .stopLoss(ExitProfile.LevelKind.NET, parse("10")).build());
            in.fill(1723161256322L, "a1", "BTCUSDT", Side.BUY, PositionSide.BOTH, parse("0.01"), parse("50000"), parse("0.2"), "e1", "usd10");
            in.trade(1723161256400L, "BTCUSDT", parse("50010.5"), parse("0.002"));
            in.trade(1723161299000L, "BTCUSDT", parse("51041.0"), parse("0.002"));
            in.trade(1723161299010L, "BTCUSDT", parse("51041.0"), parse("0.001"));
            in.trade(1723161299020L, "BTCUSDT", parse("51050"), parse("0.001"));
            engine.awaitQuiet();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        return lines;
    }

    @Test
    void usd10LongArmsTheAppendixLevelsAndExitsAtTheTakeProfit()
    {
        final List<String> lines = runAppendixScenario(EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("{\"type\":\"levels\",\"seq\":3,\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"LONG\","
            + "\"qty\":\"0.01\",\"entryPrice\":\"50000\",\"takeProfit\":\"51040.5\",\"stopLoss\":\"49039.7\",\"positionId\":1}", lines.get(0));
        assertEquals("{\"type\":\"close\",\"seq\":5,\"ts\":1723161299000,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"LONG\","
            + "\"side\":\"SELL\",\"qty\":\"0.01\",\"reason\":\"TAKE_PROFIT\",\"level\":\"51040.5\",\"price\":\"51041\","
            + "\"clientOrderId\":\"xe-1-1\",\"positionId\":1}", lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"type\":\"exit\",\"seq\":7,\"ts\":1723161299010,\"account\":\"a1\",\"symbol\":\"BTCUSDT\","
            + "\"reason\":\"TAKE_PROFIT\",\"qty\":\"0.01\",\"entryPrice\":\"50000\",\"exitPrice\":\"51041\",\"fees\":\"0.404164\","
            + "\"netPnl\":\"10.005836\""), lines.get(2));
    }

    @Test
    void threadLayoutsAndWaitStrategiesGiveIdenticalDecisions()
    {
        final List<String> reference = runAppendixScenario(EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING);
        assertEquals(reference, runAppendixScenario(EngineConfig.Layout.THREAD_PER_HANDLER, EngineConfig.Wait.BLOCKING));
        assertEquals(reference, runAppendixScenario(EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.SLEEPING));
    }
}
