package dev.exitengine.journal;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Names;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Verifies a journal without re-running it: the header decodes to a configuration this engine reads; every
 * input document passes its checksum and every input decodes, numbered without a gap; every output document
 * passes its checksum and its records decode. Fails with a {@link JournalDamagedException} (or an
 * {@link IOException}) naming the first problem.
 */
public final class JournalCheck
{
    /** What a sound journal holds. */
    public static final class Result
    {
        public int formatVersion;
        public long inputs;
        public long inputDocuments;
        public long outputs;
        /** Whether documents carry checksums (format 3 and later); older journals are checked for decoding only. */
        public boolean checksummed;
        /** Where a resumed run's feed would go on. */
        public long feedLine;
        public int inputsOfLine;
        /** The final state hash the run recorded, or null when it did not stop cleanly (or predates it). */
        public Long finalStateHash;
    }

    private JournalCheck()
    {
    }

    public static Result check(final Path dir) throws IOException
    {
        final Result r = new Result();
        try (JournalReader reader = JournalReader.open(dir))
        {
            r.formatVersion = reader.formatVersion();
            r.checksummed = reader.hasTrailers();
            try
            {
                EngineConfig.decode(reader.configuration());
            }
            catch (final RuntimeException ex)
            {
                throw new JournalDamagedException(dir, "its header's configuration does not decode: " + ex.getMessage());
            }
            final Names names = new Names();
            final long[] inputs = {0};
            r.inputs = reader.readInputs(names, e ->
            {
                inputs[0]++;
            });
            r.inputDocuments = reader.inputDocuments();
            r.feedLine = reader.lastFeedLine();
            r.inputsOfLine = reader.lastInputsOfLine();
            r.outputs = reader.readOutputs((decision, buffer, offset, length) ->
            {
            });
        }
        r.finalStateHash = ChronicleJournal.readFinalState(dir);
        return r;
    }
}
