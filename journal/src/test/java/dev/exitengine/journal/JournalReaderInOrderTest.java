package dev.exitengine.journal;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JournalReader#readInOrder}: inputs and outputs in one pass, each input followed by the decisions it caused. */
class JournalReaderInOrderTest
{
    @Test
    void everyInputAndOutputOnceEachOutputRightAfterTheInputThatCausedIt(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        final JournalTest.Run run = JournalTest.run(journal, Function.identity());
        assertTrue(run.decisions.size() > 3 * JournalTest.ENTRIES / 2, "a run with decisions to interleave: " + run.decisions.size());

        final List<String> separately = new ArrayList<>();
        final long inputs;
        final long documents;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Names names = new Names();
            inputs = reader.readInputs(names, e -> { });
            documents = reader.inputDocuments();
            reader.readOutputs((d, buffer, offset, length) -> separately.add(DecisionJson.toJson(d, names)));
            assertEquals(documents, reader.inputDocumentCount(), "the index counts the documents a read goes through");
        }
        assertEquals(run.decisions, separately, "the journal's outputs are the run's decisions");

        final List<String> interleaved = new ArrayList<>();
        final long[] lastInput = {0};
        final long[] inputsSeen = {0};
        final long[] outputsAfterTheirInput = {0};
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Names names = new Names();
            final long n = reader.readInOrder(names, e ->
            {
                assertEquals(lastInput[0] + 1, e.seq, "inputs in order, none left out");
                lastInput[0] = e.seq;
                inputsSeen[0]++;
            }, (d, buffer, offset, length) ->
            {
                interleaved.add(DecisionJson.toJson(d, names));
                if (d.seq == lastInput[0])
                {
                    outputsAfterTheirInput[0]++;
                }
            });
            assertEquals(inputs, n);
        }
        assertEquals(inputs, inputsSeen[0]);
        assertEquals(separately, interleaved, "every output once, in the journal's order");
        assertEquals(interleaved.size(), outputsAfterTheirInput[0], "each output right after the input that caused it");
    }
}
