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
}
