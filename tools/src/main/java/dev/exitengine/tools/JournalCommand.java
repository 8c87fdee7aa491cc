package dev.exitengine.tools;

import dev.exitengine.journal.JournalCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code journal check DIR}: verifies a journal without re-running it. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Work on a journal folder.",
    subcommands = {JournalCommand.Check.class})
public final class JournalCommand implements Runnable
{
    @Override
    public void run()
    {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Checksums, decoding and numbering of every document; exits 1 naming the first problem. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify a journal without re-running it: every document's checksum, every record decodes, inputs numbered "
            + "without a gap. Exits 0 when sound, 1 naming the first problem.")
    static final class Check implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "the journal folder")
        Path dir;

        @Override
        public Integer call() throws Exception
        {
            final JournalCheck.Result r = JournalCheck.check(dir);
            System.out.printf("journal %s: format %d, %,d inputs in %,d documents, %,d outputs%s%n", dir, r.formatVersion, r.inputs,
                r.inputDocuments, r.outputs, r.checksummed ? ", every checksum right" : " (format without checksums: decoded only)");
            System.out.println(r.finalStateHash != null
                ? String.format("stopped cleanly: final state hash %016x", r.finalStateHash)
                : "no final state hash: the run did not stop cleanly (resume it with run --resume or live) or is still running");
            if (r.checksummed)
            {
                System.out.printf("a resumed run's feed goes on after line %,d (its first %d inputs journaled)%n", r.feedLine, r.inputsOfLine);
            }
            return 0;
        }
    }
}
