package dev.exitengine.feed;

import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * A feed read again from its start by a resumed run, going on where the journal stopped: everything of
 * the lines before {@code line}, and the first {@code inputsOfLine} inputs of that line, reached the
 * journal before the crash and is dropped here (refusals of those lines too: they were reported then);
 * everything after goes through to the sink. Feeds number their lines through {@link InputSink#position}.
 */
public final class FeedResumption implements InputSink
{
    private final InputSink sink;
    private final long line;
    private final int inputsOfLine;
    private long currentLine;
    private int seenOfLine;
    private boolean through;
    private long skipped;

    /**
     * @param line the feed line of the journal's last feed input (0: the journal holds none, nothing is skipped)
     * @param inputsOfLine how many of that line's inputs the journal holds
     */
    public FeedResumption(final InputSink sink, final long line, final int inputsOfLine)
    {
        this.sink = sink;
        this.line = line;
        this.inputsOfLine = inputsOfLine;
        this.through = line <= 0;
    }

    /** Inputs dropped because the journal holds them. */
    public long skipped()
    {
        return skipped;
    }

    /** Whether the feed has gone past the journal's position (every later input goes through). */
    public boolean through()
    {
        return through;
    }

    @Override
    public void position(final String source, final long at)
    {
        currentLine = at;
        seenOfLine = 0;
        if (!through && at > line)
        {
            through = true;
        }
        if (through)
        {
            sink.position(source, at);
        }
    }

    /** Whether this input is the journal's already (and so is dropped). */
    private boolean journaled()
    {
        if (through)
        {
            return false;
        }
        if (currentLine == line && ++seenOfLine > inputsOfLine)
        {
            through = true;
            return false;
        }
        skipped++;
        return true;
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        if (!journaled())
        {
            sink.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
        }
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        if (!journaled())
        {
            sink.profile(profile);
        }
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        if (!journaled())
        {
            sink.trade(ts, symbol, price, qty);
        }
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        if (!journaled())
        {
            sink.quote(ts, symbol, bid, ask);
        }
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        if (!journaled())
        {
            sink.mark(ts, symbol, price);
        }
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        if (!journaled())
        {
            sink.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
        }
    }

    @Override
    public void command(final long ts, final Command command)
    {
        if (!journaled())
        {
            sink.command(ts, command);
        }
    }

    @Override
    public void timer(final long ts)
    {
        if (!journaled())
        {
            sink.timer(ts);
        }
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        if (!journaled())
        {
            sink.orderAck(ts, clientOrderId);
        }
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        if (!journaled())
        {
            sink.orderReject(ts, clientOrderId, reason);
        }
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        if (!journaled())
        {
            sink.orderFill(ts, clientOrderId, qty, price, fee);
        }
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        if (!journaled())
        {
            sink.orderExpired(ts, clientOrderId);
        }
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        if (!journaled())
        {
            sink.positionSnapshot(ts, account, positions);
        }
    }

    @Override
    public void rejected(final String where, final String what)
    {
        if (through)
        {
            sink.rejected(where, what);
        }
    }
}
