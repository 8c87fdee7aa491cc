package dev.exitengine.tools;

import dev.exitengine.journal.ChronicleJournal;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/** Run as a process of its own: opens a journal's inputs, starts a document and dies inside it (a torn last document). */
public final class TornDocumentWriter
{
    private TornDocumentWriter()
    {
    }

    public static void main(final String[] args)
    {
        final ChronicleQueue q = ChronicleQueue.singleBuilder(Path.of(args[0]).resolve(ChronicleJournal.INPUTS))
            .rollCycle(ChronicleJournal.ROLL_CYCLE).build();
        final ExcerptAppender a = q.createAppender();
        final DocumentContext dc = a.writingDocument();
        dc.wire().bytes().write(new byte[40]);
        Runtime.getRuntime().halt(9);
    }
}
