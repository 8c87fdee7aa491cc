package dev.exitengine.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A resumed run's feed goes on exactly after the journal's last input: the rest of a half-journaled line included. */
class FeedResumptionTest
{
    private static final String LINES = String.join("\n",
        "{\"type\":\"trade\",\"ts\":1,\"symbol\":\"BTCUSDT\",\"price\":\"1\",\"qty\":\"1\"}",
        "{\"type\":\"trade\",\"ts\":2,\"symbol\":\"BTCUSDT\",\"price\":\"2\",\"qty\":\"1\"}",
        "not json",
        "{\"type\":\"trade\",\"ts\":4,\"symbol\":\"BTCUSDT\",\"price\":\"4\",\"qty\":\"1\"}",
        "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"BTCUSDT\",\"price\":\"5\",\"qty\":\"1\"}") + "\n";

    private static RecordingSink resumeAt(final long line, final int inputsOfLine, final boolean feedSkips) throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("f.jsonl", LINES), FeedOptions.continueOnError());
        if (feedSkips)
        {
            feed.startAt(line);
        }
        feed.run(new FeedResumption(sink, line, inputsOfLine));
        return sink;
    }

    @Test
    void everythingAfterTheJournalsLastInputArrivesAndNothingBefore() throws IOException
    {
        for (final boolean feedSkips : new boolean[] {false, true})
        {
            final RecordingSink sink = resumeAt(2, 1, feedSkips);
            assertEquals(List.of("trade 4 BTCUSDT 4 1", "trade 5 BTCUSDT 5 1"), sink.events, "feed skips: " + feedSkips);
            // the bad line after the journal's last input is reported again (it was never journaled)
            assertEquals(1, sink.rejects.size(), sink.rejects.toString());
            assertEquals(true, sink.rejects.get(0).startsWith("f.jsonl:3"), sink.rejects.toString());
        }
    }

    @Test
    void aLineWhoseInputsTheJournalHoldsNoneOfArrivesWhole() throws IOException
    {
        final RecordingSink sink = resumeAt(4, 0, false);
        assertEquals(List.of("trade 4 BTCUSDT 4 1", "trade 5 BTCUSDT 5 1"), sink.events);
    }

    @Test
    void aJournalWithoutFeedInputsTakesTheWholeFeed() throws IOException
    {
        final RecordingSink sink = resumeAt(0, 0, false);
        assertEquals(4, sink.events.size());
    }
}
