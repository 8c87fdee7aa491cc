package dev.exitengine.feed;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records every sink call as one line of text, in order, so tests can assert exact values. */
final class RecordingSink implements InputSink
{
    final List<String> events = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final List<ExitProfile> profiles = new ArrayList<>();

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty,
        final long makerFee, final long takerFee)
    {
        events.add("instrument " + symbol + " tick=" + f(tickSize) + " step=" + f(stepSize) + " minQty=" + f(minQty) +
            " maker=" + f(makerFee) + " taker=" + f(takerFee));
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        profiles.add(profile);
        events.add("profile " + profile.encode());
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        events.add("trade " + ts + " " + symbol + " " + f(price) + " " + f(qty));
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        events.add("quote " + ts + " " + symbol + " " + f(bid) + " " + f(ask));
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        events.add("mark " + ts + " " + symbol + " " + f(price));
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        events.add("fill " + ts + " " + account + " " + symbol + " " + side + " " + positionSide + " qty=" + f(qty) +
            " price=" + f(price) + " fee=" + f(fee) + " order=" + orderId + " profile=" + profile);
    }

    @Override
    public void command(final long ts, final Command c)
    {
        events.add("command " + ts + " " + c.type + " account=" + c.account + " symbol=" + c.symbol + " side=" +
            c.positionSide + " on=" + c.on + " state=" + c.state + " profile=" + c.profile);
    }

    @Override
    public void timer(final long ts)
    {
        events.add("timer " + ts);
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        events.add("ack " + ts + " " + clientOrderId);
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        events.add("reject " + ts + " " + clientOrderId + " reason=" + reason);
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        events.add("orderFill " + ts + " " + clientOrderId + " qty=" + f(qty) + " price=" + f(price) + " fee=" + f(fee));
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        events.add("expired " + ts + " " + clientOrderId);
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        events.add("snapshot " + ts + " " + account + " " + positions.stream()
            .map(p -> p.symbol + " " + p.positionSide + " " + f(p.qty) + " @ " + f(p.entryPrice))
            .collect(Collectors.joining(", ", "[", "]")));
    }

    @Override
    public void rejected(final String where, final String what)
    {
        rejects.add(where + " | " + what);
    }

    List<String> ofType(final String type)
    {
        return events.stream().filter(e -> e.startsWith(type + " ")).collect(Collectors.toList());
    }

    private static String f(final long value)
    {
        return Fixed.toString(value);
    }
}
