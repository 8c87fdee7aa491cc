package dev.exitengine.journal;

import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest
{
    @Test
    void forcedUnwindAndHaltSurviveAReopen(@TempDir final Path dir) throws Exception
    {
        try (StateStore store = StateStore.open(dir))
        {
            store.record(Command.forcedUnwind("a2", true));
            store.record(Command.forcedUnwind("a1", true));
            store.record(Command.forcedUnwind("a3", true));
            store.record(Command.forcedUnwind("a3", false));
            store.record(Command.tradingState(null, TradingState.REDUCING));
            store.record(Command.tradingState("a1", TradingState.HALTED));
        }
        try (StateStore store = StateStore.open(dir))
        {
            assertTrue(store.forcedUnwind("a1"));
            assertFalse(store.forcedUnwind("a3"));
            final List<Command> restore = store.restoringCommands();
            assertEquals(4, restore.size());
            assertEquals(CommandType.TRADING_STATE, restore.get(0).type);
            assertNull(restore.get(0).account);
            assertEquals(TradingState.REDUCING, restore.get(0).state);
            // then by key: account trading states, then forced unwinds, each by account
            assertEquals(CommandType.TRADING_STATE, restore.get(1).type);
            assertEquals("a1", restore.get(1).account);
            assertEquals(TradingState.HALTED, restore.get(1).state);
            assertEquals(CommandType.FORCED_UNWIND, restore.get(2).type);
            assertEquals("a1", restore.get(2).account);
            assertEquals("a2", restore.get(3).account);
        }
    }

    @Test
    void aNewStoreSaysItWasCreatedAndAReopenedOneDescribesWhatItRestores(@TempDir final Path dir) throws Exception
    {
        try (StateStore store = StateStore.open(dir))
        {
            assertTrue(store.created());
            assertEquals("nothing", store.describe());
            store.record(Command.tradingState(null, TradingState.HALTED));
            store.record(Command.forcedUnwind("a1", true));
        }
        try (StateStore store = StateStore.open(dir))
        {
            assertFalse(store.created());
            assertEquals("trading state HALTED (global); forced unwind on for a1", store.describe());
        }
    }

    @Test
    void aZeroedOrEmptyStoreIsRefusedAtOnceNamingTheFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve(StateStore.FILE);
        java.nio.file.Files.write(file, new byte[1 << 20]);
        final long start = System.nanoTime();
        final java.io.IOException zeroed = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> StateStore.open(dir));
        assertTrue(zeroed.getMessage().contains(file.toString()) && zeroed.getMessage().contains("damaged"), zeroed.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused at once, not after Chronicle's wait");
        java.nio.file.Files.write(file, new byte[0]);
        final java.io.IOException empty = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> StateStore.open(dir));
        assertTrue(empty.getMessage().contains("empty or damaged"), empty.getMessage());
    }

    @Test
    void aCommandTheEngineRefusedIsNotRecorded(@TempDir final Path dir) throws Exception
    {
        final dev.exitengine.core.EngineConfig config = new dev.exitengine.core.EngineConfig();
        config.layout = dev.exitengine.core.EngineConfig.Layout.CALLER_THREAD;
        try (StateStore store = StateStore.open(dir);
            dev.exitengine.core.ExitEngine engine = dev.exitengine.core.ExitEngine.builder(config).errors(m -> { }).build().start())
        {
            final StatefulSink sink = new StatefulSink(engine.inputs(), store);
            sink.trade(10_000_000, "BTCUSDT", 1, 1); // refused: the symbol is not defined yet
            engine.inputs().instrument("BTCUSDT", dev.exitengine.core.num.Fixed.parse("0.1"), dev.exitengine.core.num.Fixed.parse("0.001"),
                0, 0, 0);
            sink.trade(10_000_000, "BTCUSDT", dev.exitengine.core.num.Fixed.parse("100"), dev.exitengine.core.num.Fixed.parse("1"));
            // an hour and more behind the newest input: the time rule refuses it, so the halt never happened
            sink.command(10_000_000 - 4_000_000, Command.tradingState(null, TradingState.HALTED));
            assertEquals("nothing", store.describe());
            sink.command(10_000_001, Command.forcedUnwind("a1", true));
            assertEquals("forced unwind on for a1", store.describe());
        }
    }
}
