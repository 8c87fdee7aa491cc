package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;

/**
 * A source of input events that is read to its end: a file, a capture, a generator. Lines or messages
 * it cannot accept go to {@link InputSink#rejected(String, String)}; whether the run then goes on or
 * stops is its {@link FeedOptions}.
 */
public interface Feed
{
    /**
     * Reads the whole source and delivers every event to {@code sink}, from the calling thread.
     *
     * @param sink where events go.
     * @return the number of events delivered (sink calls other than {@code rejected}).
     * @throws FeedException when the options say stop at the first bad line, after reporting it.
     * @throws IOException   when the source cannot be read.
     */
    long run(InputSink sink) throws IOException;

    /**
     * A resumed run goes on at {@code line} (the journal holds everything before it): a feed that can passes
     * the lines before it over without parsing them. Optional: {@link FeedResumption} drops what a feed
     * still delivers from before. Call it before {@link #run}.
     */
    default void startAt(final long line)
    {
    }
}
