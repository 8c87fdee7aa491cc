package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.JsonLinesFeed;
import dev.exitengine.tools.ConfigFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Admin lines reach the engine through its ingress thread and come back with their verdicts. */
class LineIntakeTest
{
    @Test
    void eachLineIsAcceptedOrRefusedWithTheReasonNamingTheLine() throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.instruments.add(ConfigFile.btcusdt());
        config.layout = EngineConfig.Layout.CALLER_THREAD;
        final List<String> errors = new ArrayList<>();
        try (ExitEngine engine = ExitEngine.builder(config).errors(errors::add).build().start())
        {
            final LineIntake intake = new LineIntake(16, 5_000);
            final JsonLinesFeed parser = new JsonLinesFeed(FeedInput.text(LineIntake.SOURCE, ""), FeedOptions.continueOnError());
            final ExecutorService operator = Executors.newSingleThreadExecutor();
            final Future<List<String>> verdicts = operator.submit(() -> List.of(
                String.valueOf(intake.submit("{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\","
                    + "\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"50000\",\"orderId\":\"e1\"}", 1)),
                String.valueOf(intake.submit("{\"type\":\"fill\",\"ts\":1723161256400,\"account\":\"a1\",\"symbol\":\"BTCUSDT\","
                    + "\"side\":\"BUY\",\"qty\":\"0\",\"price\":\"50000\",\"orderId\":\"e2\"}", 2)),
                String.valueOf(intake.submit("{\"type\":\"fill\",\"ts\":1723161256500,\"account\":\"a1\",\"symbol\":\"DOGEUSDT\","
                    + "\"side\":\"BUY\",\"qty\":\"1\",\"price\":\"0.1\",\"orderId\":\"e3\"}", 3)),
                String.valueOf(intake.submit("{\"type\":\"command\",\"ts\":1723161256600,\"command\":\"TRADING_STATE\","
                    + "\"state\":\"HALTED\"}", 4))));
            // this thread is the engine's ingress thread: it applies the lines as they come
            while (!verdicts.isDone())
            {
                intake.drain(parser, engine.inputs(), 16);
                Thread.onSpinWait();
            }
            final List<String> v = verdicts.get();
            operator.shutdown();
            assertEquals("null", v.get(0));
            assertEquals("field 'qty': must be positive, was 0", v.get(1));
            assertEquals("rejected POST /events:3: unknown symbol 'DOGEUSDT' (no instrument definition) (fill ts 1723161256500)",
                v.get(2));
            assertEquals("null", v.get(3), "the kill switch");
            engine.awaitQuiet();
            assertEquals(1, engine.counters().get(Counter.FILLS));
            assertEquals(1, engine.counters().get(Counter.POSITIONS_TRACKED));
            intake.close();
            assertEquals("the engine is stopping", intake.submit("{}", 5));
        }
    }

    @Test
    void aSymbolQuietForTheTtlIsFlaggedOnceAndClearedByItsNextEvent() throws IOException
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final StaleSymbols stale = new StaleSymbols(List.of("BTCUSDT", "ETHUSDT"), 30_000, counters, 1_000);
        stale.seen(0, 20_000);
        assertEquals(0, stale.check(30_999));
        assertEquals(1, stale.check(31_000));
        assertEquals(List.of("ETHUSDT"), stale.stale());
        assertEquals(0, stale.check(40_000), "flagged once per spell");
        assertEquals(1, stale.check(50_000));
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), stale.stale());
        stale.seen(1, 50_001);
        assertEquals(List.of("BTCUSDT"), stale.stale());
        assertEquals(2, counters.get(Counter.STALE_SYMBOLS));
        assertNull(null);
    }
}
