package dev.exitengine.journal.cluster;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.order.ClientOrderIds;

import java.util.ArrayList;
import java.util.List;

/**
 * An ingress event record (decoded, with the client's ids) given to the engine by name, as a feed gives
 * its inputs to a single process: the engine then checks, refuses and numbers it as it would there.
 */
final class RecordsByName
{
    static final int APPLIED = 0;
    static final int UNSUPPORTED = 1;
    static final int MALFORMED = 2;

    private RecordsByName()
    {
    }

    /** One input, by name, as a feed gives it to a single process. */
    static int apply(final InputSink inputs, final EngineEvent e, final Names names)
    {
        switch (e.type)
        {
            case TRADE:
                inputs.trade(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.price, e.qty);
                break;
            case QUOTE:
                inputs.quote(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.bid, e.ask);
                break;
            case MARK:
                inputs.mark(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.price);
                break;
            case TIMER:
                inputs.timer(e.ts);
                break;
            case INSTRUMENT:
                inputs.instrument(names.name(Names.Kind.SYMBOL, e.symbolId), e.tickSize, e.stepSize, e.minQty, e.makerFee, e.takerFee);
                break;
            case PROFILE:
                inputs.profile(e.profile());
                break;
            case FILL:
                inputs.fill(e.ts, names.name(Names.Kind.ACCOUNT, e.accountId), names.name(Names.Kind.SYMBOL, e.symbolId), e.side,
                    e.positionSide, e.qty, e.price, e.fee, e.orderId, e.profileId < 0 ? null : names.name(Names.Kind.PROFILE, e.profileId));
                break;
            case ORDER_ACK:
                inputs.orderAck(e.ts, ClientOrderIds.toString(e.clientOrderId));
                break;
            case ORDER_REJECT:
                inputs.orderReject(e.ts, ClientOrderIds.toString(e.clientOrderId), e.text);
                break;
            case ORDER_FILL:
                inputs.orderFill(e.ts, ClientOrderIds.toString(e.clientOrderId), e.qty, e.price, e.fee);
                break;
            case ORDER_EXPIRED:
                inputs.orderExpired(e.ts, ClientOrderIds.toString(e.clientOrderId));
                break;
            case COMMAND:
                return command(inputs, e, names);
            case POSITION_SNAPSHOT:
            {
                final Snapshot snapshot = e.snapshot();
                final List<SnapshotPosition> positions = new ArrayList<>(snapshot.size());
                for (int k = 0; k < snapshot.size(); k++)
                {
                    positions.add(new SnapshotPosition(names.name(Names.Kind.SYMBOL, snapshot.symbolIds[k]), snapshot.sides[k],
                        snapshot.qty[k], snapshot.entryPrice[k]));
                }
                inputs.positionSnapshot(e.ts, names.name(Names.Kind.ACCOUNT, e.accountId), positions);
                break;
            }
            default:
                return UNSUPPORTED;
        }
        return APPLIED;
    }

    /** A command record, rebuilt by name as its feed gave it (a record that makes no command counts as malformed). */
    private static int command(final InputSink inputs, final EngineEvent e, final Names names)
    {
        final String account = names.name(Names.Kind.ACCOUNT, e.accountId);
        final String symbol = names.name(Names.Kind.SYMBOL, e.symbolId);
        final Command command;
        try
        {
            switch (e.command)
            {
                case FORCED_UNWIND:
                    command = Command.forcedUnwind(account, e.on);
                    break;
                case TRADING_STATE:
                    command = Command.tradingState(account, e.tradingState);
                    break;
                case MANUAL_CLOSE:
                    command = Command.manualClose(account, symbol, e.positionSide);
                    break;
                default:
                    command = Command.setProfile(account, symbol, e.positionSide, names.name(Names.Kind.PROFILE, e.profileId));
                    break;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return MALFORMED;
        }
        inputs.command(e.ts, command);
        return APPLIED;
    }
}
