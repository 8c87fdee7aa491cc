package dev.exitengine.tools;

import dev.exitengine.journal.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code replay}: re-run a journal's inputs; with {@code --verify}, prove the outputs identical. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a journal through a fresh engine; --verify compares every output byte for byte and exits 1 on the first difference.")
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal folder a run left")
    Path journal;

    @Option(names = "--verify", description = "compare the replay's outputs with the journal's")
    boolean verify;

    @Option(names = "--out", paramLabel = "FILE", description = "write the replay's decisions as JSON Lines")
    Path out;

    @Override
    public Integer call() throws Exception
    {
        DecisionFileWriter writer = null;
        if (out != null)
        {
            writer = new DecisionFileWriter(out);
        }
        final Replay.Result result;
        try
        {
            result = Replay.run(journal, verify, writer, System.err::println,
                n -> Progress.report(System.err, "replayed " + String.format("%,d", n) + " inputs"));
        }
        finally
        {
            if (writer != null)
            {
                writer.close();
            }
        }
        Progress.done(System.err);
        System.out.printf("replayed %,d inputs from %s in %.1f ms; %,d outputs%n", result.inputs, journal,
            result.elapsedNanos / 1e6, result.replayedOutputs);
        if (!verify)
        {
            return 0;
        }
        if (result.identical)
        {
            System.out.printf("verified: all %,d outputs identical to the journal's, byte for byte%n", result.journaledOutputs);
            System.out.println(stateHashLine(result));
            return 0;
        }
        System.out.println("DIFFERENT: " + result.firstDifference);
        return 1;
    }

    /** What the replay says of the final state hash: equal to the journal's, or why it was not compared. */
    static String stateHashLine(final Replay.Result result)
    {
        return result.journaledStateHash != null
            ? String.format("verified: final state hash %016x equal to the journal's", result.stateHash)
            : String.format("final state hash %016x; the journal recorded none (written before state hashes were recorded, "
                + "or its engine did not stop cleanly): outputs compared only", result.stateHash);
    }
}
