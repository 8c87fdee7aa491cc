package dev.exitengine.core;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.PreTradeCheck;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's embedding example, as code that runs: keep the two in step. */
class EmbeddingExampleTest
{
    @Test
    void theReadmeEmbeddingExampleRuns()
    {
        final List<String> out = new ArrayList<>();
        final RecordingGateway myGateway = new RecordingGateway();
        // --- README example starts
        final EngineConfig config = new EngineConfig();
        config.instruments.add(new EngineConfig.InstrumentDef("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"),
            Fixed.parse("0.001"), Fixed.parse("0.0002"), Fixed.parse("0.0004")));
        config.profiles.add(ExitProfile.builder("usd10")
            .takeProfit(LevelKind.NET, Fixed.parse("10"))
            .stopLoss(LevelKind.NET, Fixed.parse("10"))
            .build());
        try (ExitEngine engine = ExitEngine.builder(config)
            .gateway(myGateway)                                   // your venue: OrderGateway.send(CloseOrder)
            .listener((d, names) -> out.add(DecisionJson.toJson(d, names)))
            .build()
            .start())
        {
            final NamedInputs in = engine.inputs();               // publish from one thread
            final PreTradeCheck check = engine.preTradeCheck("a1", "BTCUSDT", Fixed.parse("0.01"), Fixed.parse("50000"));
            if (check.allowed)
            {
                in.fill(1_723_161_256_322L, "a1", "BTCUSDT", Side.BUY, PositionSide.BOTH, Fixed.parse("0.01"),
                    Fixed.parse("50000"), Fixed.parse("0.2"), "e1", "usd10");
            }
            final Ingress byId = engine.ingress();                // the same thread, by id
            final int btc = byId.symbolId("BTCUSDT");             // resolve once ...
            byId.publishTrade(btc, 1_723_161_299_000L, Fixed.parse("51041"), Fixed.parse("0.002")); // ... publish without allocating
            byId.publishTrade(btc, 1_723_161_299_010L, Fixed.parse("51041"), Fixed.parse("0.001"));
            engine.awaitQuiet();
        }
        // --- README example ends
        assertEquals(3, out.size(), out.toString());
        assertTrue(out.get(0).contains("\"takeProfit\":\"51040.5\",\"stopLoss\":\"49039.7\""), out.get(0));
        assertTrue(out.get(2).contains("\"netPnl\":\"10.005836\""), out.get(2));
    }
}
