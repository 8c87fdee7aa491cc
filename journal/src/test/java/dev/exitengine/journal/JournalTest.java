package dev.exitengine.journal;

import dev.exitengine.core.testing.SharedData;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.NamedInputs;
import dev.exitengine.core.RecordingGateway;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.codec.DecisionCodec;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal: one engine per folder, one run per folder, and replay verification that proves an intact
 * journal and names the first output that differs in a tampered one. Runs use the real BTCUSDT trades
 * of 2024-08-08.
 */
class JournalTest
{
    /** Real trades a run uses, entries put in among them, and how many of those entries exit. */
    static final int TRADES = 2_000;
    static final int ENTRY_EVERY = 75;
    static final int ENTRIES = 24;

    @TempDir
    static Path shared;

    /** A run journaled as it was: the reference the tampered journals are made from. */
    static Path honestJournal;
    static Run honest;

    @BeforeAll
    static void runHonestly() throws IOException
    {
        honestJournal = shared.resolve("honest");
        honest = run(honestJournal, Function.identity());
    }

    // ---------------------------------------------------------------- one engine, one run per folder

    @Test
    void aSecondJournalOnAFolderAnEngineHoldsIsRefusedNamingTheFolder(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        try (ChronicleJournal first = ChronicleJournal.create(journal))
        {
            final JournalInUseException refused = assertThrows(JournalInUseException.class, () -> ChronicleJournal.create(journal));
            assertTrue(refused.getMessage().contains(journal.toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains(ChronicleJournal.LOCK), refused.getMessage());
            assertEquals(journal, first.dir());
        }
        // released on close: the folder (still empty of documents) can be taken again
        ChronicleJournal.create(journal).close();
    }

    @Test
    void aJournalOfAnotherFormatIsRefusedNamingBothVersions(@TempDir final Path dir) throws IOException
    {
        try (ChronicleJournal j = ChronicleJournal.create(dir.resolve("j")))
        {
            j.writeHeader(1, new EngineConfig().encode().replace("formatVersion=" + EngineConfig.FORMAT_VERSION, "formatVersion=1"));
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Replay.run(dir.resolve("j"), true, null, msg -> { }, null));
        assertTrue(ex.getMessage().contains("format version 1") && ex.getMessage().contains("reads " + EngineConfig.OLDEST_FORMAT_VERSION + " to " + EngineConfig.FORMAT_VERSION),
            ex.getMessage());
    }

    @Test
    void aFolderThatAlreadyHoldsARunIsRefused() throws IOException
    {
        final Path journal = honestJournal;
        final IOException refused = assertThrows(IOException.class, () -> ChronicleJournal.create(journal));
        assertFalse(refused instanceof JournalInUseException, "no engine holds it: " + refused);
        assertEquals("journal " + journal + " already holds a run; give an empty or new folder, or resume it (--resume)", refused.getMessage());
        // refusing let go of the lock: the journal is still readable and replays as it was
        assertTrue(Replay.run(journal, true, null, msg -> { }, null).identical);
    }

    @Test
    void aJournalThisProcessHoldsKeepsAnotherProcessOut(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (ChronicleJournal held = ChronicleJournal.create(journal))
        {
            assertEquals(LockProbe.IN_USE, probeFromAnotherProcess(journal));
        }
    }

    @Test
    void aRefusedSecondOpenInTheSameProcessDoesNotReleaseTheFirstJournalsLock(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (ChronicleJournal held = ChronicleJournal.create(journal))
        {
            assertThrows(JournalInUseException.class, () -> ChronicleJournal.create(journal));
            assertEquals(LockProbe.IN_USE, probeFromAnotherProcess(journal), "another process must still be kept out");
        }
    }

    // ---------------------------------------------------------------- replay verification

    @Test
    void replayOfAnIntactJournalVerifiesEveryOutputIdentical() throws IOException
    {
        final Path journal = honestJournal;
        final Run run = honest;
        final List<String> replayed = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final Replay.Result result = Replay.run(journal, true, (d, names) -> replayed.add(DecisionJson.toJson(d, names)), errors::add,
            null);
        assertTrue(result.verified);
        assertTrue(result.identical, result.firstDifference);
        assertEquals(null, result.firstDifference);
        assertEquals(run.inputs, result.inputs, "every input of the run, the paper fills included");
        assertEquals(run.decisions.size(), result.journaledOutputs);
        assertEquals(run.decisions.size(), result.replayedOutputs);
        assertEquals(run.decisions, replayed, "the replay makes the run's decisions, in order");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void replayOfAnIntactJournalFindsTheFinalStateHashTheRunRecorded() throws IOException
    {
        final Replay.Result result = Replay.run(honestJournal, true, null, msg -> { }, null);
        assertTrue(result.identical, result.firstDifference);
        assertNotNull(result.journaledStateHash, "the run stopped cleanly, so it recorded its final state");
        assertEquals(ChronicleJournal.readFinalState(honestJournal), result.journaledStateHash);
        assertEquals(result.journaledStateHash.longValue(), result.stateHash);
        assertTrue(result.stateHash != 0);
    }

    @Test
    void aJournalWhoseFinalStateHashDiffersFailsVerificationNamingBothHashes(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        run(journal, Function.identity());
        final long recorded = ChronicleJournal.readFinalState(journal);
        final long other = recorded ^ 1L;
        Files.writeString(journal.resolve(ChronicleJournal.FINAL_STATE), String.format("stateHash=%016x%n", other));

        final Replay.Result result = Replay.run(journal, true, null, msg -> { }, null);
        assertFalse(result.identical, "every output matches, but the state does not");
        assertEquals(String.format("final state hash differs: journal %016x, replay %016x (every output matched: the state "
            + "diverged without an output showing it)", other, recorded), result.firstDifference);
    }

    @Test
    void aJournalWithoutAFinalStateHashIsVerifiedByItsOutputsAlone(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        run(journal, Function.identity());
        Files.delete(journal.resolve(ChronicleJournal.FINAL_STATE));

        final Replay.Result result = Replay.run(journal, true, null, msg -> { }, null);
        assertTrue(result.identical, result.firstDifference);
        assertEquals(null, result.journaledStateHash);
        assertEquals(ChronicleJournal.readFinalState(honestJournal).longValue(), result.stateHash,
            "the same inputs make the same final state");
    }

    @Test
    void theRunUnderTestClosesPositionsSoThatOutputsCarryExits()
    {
        final Run run = honest;
        assertEquals(ENTRIES, run.decisions.stream().filter(d -> d.startsWith("{\"type\":\"levels\"")).count());
        final long exits = run.decisions.stream().filter(d -> d.startsWith("{\"type\":\"exit\"")).count();
        assertEquals(10, exits, "exits of the 24 positions within 2,000 trades");
        assertEquals(TRADES + ENTRIES + exits, run.inputs, "trades, entry fills and one venue fill per exit");
    }

    @Test
    void aJournalMissingOneOutputFailsVerificationAtThatOutput(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        final int dropped = firstExit(honest) + 1; // 1-based output number of the first exit
        run(journal, j -> new TamperingJournal(j, dropped, null));

        final Replay.Result result = Replay.run(journal, true, null, msg -> { }, null);
        assertFalse(result.identical);
        assertEquals(honest.decisions.size() - 1, result.journaledOutputs);
        assertEquals(honest.decisions.size(), result.replayedOutputs);
        // the journal's output #dropped is now what the honest run made next
        final String next = honest.decisions.get(dropped);
        assertTrue(result.firstDifference.startsWith("output #" + dropped + " (input #" + seqOf(next) + ") differs:"),
            result.firstDifference);
        assertTrue(result.firstDifference.contains("journal: " + next), result.firstDifference);
        assertTrue(result.firstDifference.contains("replay:  " + honest.decisions.get(dropped - 1)), result.firstDifference);
    }

    @Test
    void aJournalWithAnAlteredExitFailsVerificationNamingTheOutputAndItsInput(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        final int altered = firstExit(honest) + 1;
        // the exit as journaled claims a cent more net PnL than the fill gave
        run(journal, j -> new TamperingJournal(j, altered, d -> d.netPnl += Fixed.parse("0.01")));

        final Replay.Result result = Replay.run(journal, true, null, msg -> { }, null);
        assertFalse(result.identical);
        assertEquals(honest.decisions.size(), result.journaledOutputs);
        final String exit = honest.decisions.get(altered - 1);
        assertTrue(result.firstDifference.startsWith("output #" + altered + " (input #" + seqOf(exit) + ") differs:"),
            result.firstDifference);
        assertTrue(result.firstDifference.contains("replay:  " + exit), result.firstDifference);
        assertFalse(result.firstDifference.contains("journal: " + exit), result.firstDifference);
    }

    @Test
    void aJournalWithAnExtraOutputFailsVerificationNamingIt(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        final int last = honest.decisions.size();
        // the last output written twice: the replay makes it once
        run(journal, j -> new TamperingJournal(j, last, TamperingJournal.DUPLICATE));

        final Replay.Result result = Replay.run(journal, true, null, msg -> { }, null);
        assertFalse(result.identical);
        assertEquals(last + 1, result.journaledOutputs);
        assertEquals(last, result.replayedOutputs);
        assertTrue(result.firstDifference.startsWith("output #" + (last + 1) + " (input #" + seqOf(honest.decisions.get(last - 1))
            + ") is in the journal but the replay did not make it"), result.firstDifference);
    }

    @Test
    void replayOfAFolderThatIsNoJournalSaysSo(@TempDir final Path dir) throws IOException
    {
        final IOException refused = assertThrows(IOException.class, () -> Replay.run(dir, true, null, msg -> { }, null));
        assertEquals(dir + " is not a journal (no inputs folder)", refused.getMessage());
    }

    // ---------------------------------------------------------------- a run on real data

    /** What a run decided (as JSON lines) and how many inputs went through the ring. */
    static final class Run
    {
        final List<String> decisions = new ArrayList<>();
        long inputs;
    }

    /**
     * Runs the first {@link #TRADES} real trades with an entry every {@link #ENTRY_EVERY} trades (long and
     * short by turn, 0.05-0.2 BTC, $10 net), closes filled at the next trade, journaled through
     * {@code wrap(journal)}.
     */
    static Run run(final Path journalDir, final Function<JournalPort, JournalPort> wrap) throws IOException
    {
        final EngineConfig config = new EngineConfig();
        config.layout = EngineConfig.Layout.SINGLE_THREAD;
        config.wait = EngineConfig.Wait.YIELDING;
        config.lockstep = true;
        config.recordLatency = false;
        config.instruments.add(new EngineConfig.InstrumentDef("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"),
            Fixed.parse("0.001"), Fixed.parse("0.0002"), Fixed.parse("0.0004")));
        config.profiles.add(ExitProfile.builder("usd10").takeProfit(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .stopLoss(ExitProfile.LevelKind.NET, Fixed.parse("10")).build());
        config.profiles.add(ExitProfile.builder("tight").takeProfit(ExitProfile.LevelKind.PCT, Fixed.parse("0.05"))
            .stopLoss(ExitProfile.LevelKind.PCT, Fixed.parse("0.03")).build());
        final String[] sizes = {"0.05", "0.1", "0.15", "0.2"};
        final Run run = new Run();
        final List<String> errors = new ArrayList<>();
        final ExitEngine engine = ExitEngine.builder(config).journal(wrap.apply(ChronicleJournal.create(journalDir)))
            .gateway(new RecordingGateway()).listener((d, names) -> run.decisions.add(DecisionJson.toJson(d, names)))
            .errors(errors::add).build().start();
        try (BufferedReader csv = Files.newBufferedReader(SharedData.btcusdtTrades(), StandardCharsets.US_ASCII))
        {
            final NamedInputs in = engine.inputs();
            csv.readLine(); // id,price,qty,quote_qty,time,is_buyer_maker
            int entries = 0;
            for (int t = 1; t <= TRADES; t++)
            {
                final String[] f = csv.readLine().split(",");
                final long ts = Long.parseLong(f[4]);
                final long price = Fixed.parse(f[1]);
                in.trade(ts, "BTCUSDT", price, Fixed.parse(f[2]));
                if (t % ENTRY_EVERY == 0 && entries < ENTRIES)
                {
                    final int n = entries++;
                    in.fill(ts, "acct-" + (n + 1), "BTCUSDT", n % 2 == 0 ? Side.BUY : Side.SELL, PositionSide.BOTH,
                        Fixed.parse(sizes[n % sizes.length]), price, Fixed.NONE, "entry-" + (n + 1), n % 3 == 0 ? "usd10" : "tight");
                }
            }
            engine.awaitQuiet();
        }
        finally
        {
            engine.close();
        }
        run.inputs = engine.counters().get(Counter.EVENTS);
        assertTrue(errors.isEmpty(), errors.toString());
        return run;
    }

    private static int firstExit(final Run run)
    {
        for (int i = 0; i < run.decisions.size(); i++)
        {
            if (run.decisions.get(i).startsWith("{\"type\":\"exit\""))
            {
                return i;
            }
        }
        throw new AssertionError("no exit in " + run.decisions);
    }

    private static long seqOf(final String json)
    {
        final int at = json.indexOf("\"seq\":") + 6;
        return Long.parseLong(json.substring(at, json.indexOf(',', at)));
    }

    /**
     * A journal that writes every output as the engine made it except one: output number {@code target}
     * (1-based) is left out ({@code change} null), changed, or written twice ({@link #DUPLICATE}).
     */
    static final class TamperingJournal implements JournalPort
    {
        static final java.util.function.Consumer<Decision> DUPLICATE = d -> { };

        private final JournalPort journal;
        private final long target;
        private final java.util.function.Consumer<Decision> change;
        private final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1 << 16);
        private final Decision decision = new Decision();
        private long seen;

        TamperingJournal(final JournalPort journal, final long target, final java.util.function.Consumer<Decision> change)
        {
            this.journal = journal;
            this.target = target;
            this.change = change;
        }

        @Override
        public void writeHeader(final int formatVersion, final String configuration)
        {
            journal.writeHeader(formatVersion, configuration);
        }

        @Override
        public void appendInputs(final DirectBuffer buffer, final int offset, final int length)
        {
            journal.appendInputs(buffer, offset, length);
        }

        @Override
        public void appendOutputs(final DirectBuffer buffer, final int offset, final int length)
        {
            int written = 0;
            int i = 0;
            while (i < length)
            {
                final int recordLength = buffer.getInt(offset + i, EventCodec.ORDER);
                if (++seen != target)
                {
                    out.putBytes(written, buffer, offset + i, recordLength);
                    written += recordLength;
                }
                else if (change != null)
                {
                    DecisionCodec.decode(buffer, offset + i, decision);
                    change.accept(decision);
                    out.checkLimit(written + 2 * DecisionCodec.maxLength(decision));
                    written += DecisionCodec.encode(out, written, decision);
                    if (change == DUPLICATE)
                    {
                        written += DecisionCodec.encode(out, written, decision);
                    }
                }
                i += recordLength;
            }
            if (written > 0)
            {
                journal.appendOutputs(out, 0, written);
            }
        }

        @Override
        public void close()
        {
            journal.close();
        }
    }

    // ---------------------------------------------------------------- another process

    /** Asks a fresh JVM to open the journal; returns its {@link LockProbe} exit code. */
    static int probeFromAnotherProcess(final Path journal) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LockProbe.class.getName());
        command.add(journal.toString());
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
        assertNotNull(output);
        final int code = p.exitValue();
        assertTrue(code == LockProbe.IN_USE || code == LockProbe.OPENED || code == LockProbe.HOLDS_A_RUN,
            "probe failed (" + code + "): " + output);
        return code;
    }

    /** Run in another JVM: tries to open the journal given and exits with what happened. */
    public static final class LockProbe
    {
        static final int OPENED = 10;
        static final int IN_USE = 11;
        static final int HOLDS_A_RUN = 12;

        public static void main(final String[] args)
        {
            int code;
            try
            {
                ChronicleJournal.create(Path.of(args[0])).close();
                code = OPENED;
            }
            catch (final JournalInUseException ex)
            {
                code = IN_USE;
            }
            catch (final IOException ex)
            {
                code = HOLDS_A_RUN;
            }
            System.out.flush();
            Runtime.getRuntime().halt(code);
        }
    }
}
