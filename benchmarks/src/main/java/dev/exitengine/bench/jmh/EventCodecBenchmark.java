package dev.exitengine.bench.jmh;

import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** Encoding and decoding one event in the journal's layout: a trade (the common case) and a fill. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC, JmhFlags.REF,
    JmhFlags.NIO, JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR})
public class EventCodecBenchmark
{
    final UnsafeBuffer tradeBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    final UnsafeBuffer fillBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    final EngineEvent trade = new EngineEvent();
    final EngineEvent fill = new EngineEvent();
    final EngineEvent decoded = new EngineEvent();

    @Setup
    public void setUp()
    {
        trade.clear(EventType.TRADE);
        trade.seq = 12_345;
        trade.ts = 1_723_161_256_400L;
        trade.symbolId = 3;
        trade.price = Fixed.parse("61710.5");
        trade.qty = Fixed.parse("0.002");
        fill.clear(EventType.FILL);
        fill.seq = 12_346;
        fill.ts = 1_723_161_256_401L;
        fill.symbolId = 3;
        fill.accountId = 1;
        fill.profileId = 2;
        fill.side = Side.BUY;
        fill.positionSide = PositionSide.BOTH;
        fill.qty = Fixed.parse("0.05");
        fill.price = Fixed.parse("61700");
        fill.fee = Fixed.parse("1.234");
        fill.orderId = "entry-000042";
        EventCodec.encode(tradeBuffer, 0, trade);
        EventCodec.encode(fillBuffer, 0, fill);
    }

    @Benchmark
    public int encodeTrade()
    {
        return EventCodec.encode(tradeBuffer, 0, trade);
    }

    @Benchmark
    public long decodeTrade()
    {
        EventCodec.decode(tradeBuffer, 0, decoded);
        return decoded.price;
    }

    @Benchmark
    public int encodeFill()
    {
        return EventCodec.encode(fillBuffer, 0, fill);
    }

    /** Allocates the order id's String: the one allocation decoding a fill needs. */
    @Benchmark
    public Object decodeFill()
    {
        EventCodec.decode(fillBuffer, 0, decoded);
        return decoded.orderId;
    }
}
