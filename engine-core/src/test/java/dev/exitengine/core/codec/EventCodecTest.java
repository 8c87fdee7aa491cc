package dev.exitengine.core.codec;

import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest
{
    private long seq;

    private EngineEvent market(final EventType type, final int symbolId, final long ts, final long a, final long b)
    {
        final EngineEvent e = new EngineEvent();
        e.clear(type);
        e.seq = ++seq;
        e.ts = ts;
        e.symbolId = symbolId;
        if (type == EventType.QUOTE)
        {
            e.bid = a;
            e.ask = b;
        }
        else
        {
            e.price = a;
            e.qty = type == EventType.TRADE ? b : 0;
        }
        return e;
    }

    private EngineEvent fill(final long ts)
    {
        final EngineEvent e = new EngineEvent();
        e.clear(EventType.FILL);
        e.seq = ++seq;
        e.ts = ts;
        e.symbolId = 0;
        e.accountId = 3;
        e.profileId = 1;
        e.side = Side.BUY;
        e.positionSide = PositionSide.BOTH;
        e.qty = Fixed.parse("0.002");
        e.price = Fixed.parse("61800.1");
        e.fee = Fixed.NONE;
        e.orderId = "o-1";
        return e;
    }

    /** The input fields of {@code e} as a full record: two events with equal bytes have equal inputs. */
    private static byte[] full(final EngineEvent e)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        final int n = EventCodec.encode(b, 0, e);
        final byte[] out = new byte[n];
        b.getBytes(0, out);
        return out;
    }

    @Test
    void aDocumentOfTicksAfterItsFirstEventIsCompactAndDecodesToTheSameInputs()
    {
        final long t = 1_723_161_600_000L;
        final List<EngineEvent> in = new ArrayList<>();
        in.add(fill(t));
        in.add(market(EventType.TRADE, 0, t, Fixed.parse("61800.1"), Fixed.parse("0.002")));
        in.add(market(EventType.TRADE, 0, t + 3, Fixed.parse("61800.2"), Fixed.parse("1.5")));
        in.add(market(EventType.TRADE, 7, t + 1, Fixed.parse("3050.55"), Fixed.parse("12")));    // time back 2 ms, another symbol
        in.add(market(EventType.QUOTE, 0, t + 1, Fixed.parse("61800.1"), Fixed.parse("61800.2")));
        in.add(market(EventType.MARK, 0, t + 2, Fixed.parse("61799.93"), 0));
        in.add(market(EventType.TRADE, 1, t + 2, Long.MIN_VALUE, -1));                        // extremes wrap and come back
        in.add(market(EventType.QUOTE, 2, t + 2, Long.MAX_VALUE, Long.MIN_VALUE));
        in.add(market(EventType.TRADE, 70_000, t + 2, Fixed.parse("1"), Fixed.parse("1")));          // symbol id over 65,535
        in.add(market(EventType.TRADE, 1, t + 2 + (1 << 23), Fixed.parse("1"), Fixed.parse("1")));  // time moved 2^23 ms
        in.add(market(EventType.TRADE, 1, Long.MIN_VALUE, Fixed.parse("1"), Fixed.parse("1")));
        in.add(fill(t + 4));
        in.add(market(EventType.TRADE, 0, t + 4, Fixed.parse("61801"), Fixed.parse("0.001")));

        final ExpandableArrayBuffer doc = new ExpandableArrayBuffer(1024);
        final EventCodec.Cursor writer = new EventCodec.Cursor();
        int length = 0;
        final int[] lengths = new int[in.size()];
        for (int i = 0; i < in.size(); i++)
        {
            lengths[i] = EventCodec.encode(doc, length, in.get(i), writer);
            length += lengths[i];
        }
        assertEquals(EventCodec.KIND_EVENT, doc.getByte(0), "a document opens with a full record");
        // kind, sizes and symbol (4 bytes), then the time step, the price step and the quantity, each in the fewest
        // bytes that hold it: no time step takes none; a first price (the fill is no market price) of 61,800.1 takes
        // 6 bytes, a step of 0.1 takes 4; a quantity of 0.002 takes 3, 1.5 and 12 take 4
        assertEquals(4 + 0 + 6 + 3, lengths[1]);
        assertEquals(4 + 1 + 4 + 4, lengths[2]);
        assertEquals(4 + 1 + 6 + 4, lengths[3], "another symbol, time 2 ms back");
        // the previous price is the document's last, whatever its symbol: back from 3,050.55 to 61,800.1 takes 6 bytes
        assertEquals(4 + 0 + 6 + 4, lengths[4], "a quote: bid step, then the spread");
        assertEquals(4 + 1 + 4, lengths[5], "a mark");
        assertEquals(4 + 0 + 8 + 8, lengths[6], "extremes take 8 bytes a field");
        assertEquals(4 + 0 + 1 + 1, lengths[7], "differences wrap: from the lowest price to the highest is a step of -1");
        for (final int full : new int[] {8, 9, 10})
        {
            assertEquals(full(in.get(full)).length, lengths[full], "record " + full + " does not fit a compact one");
        }
        assertEquals(full(in.get(11)).length, lengths[11], "a fill is always full");

        final UnsafeBuffer view = new UnsafeBuffer(doc.byteArray(), 0, length);
        final EventCodec.Cursor reader = new EventCodec.Cursor();
        final EngineEvent out = new EngineEvent();
        int offset = 0;
        for (int i = 0; i < in.size(); i++)
        {
            final int n = EventCodec.next(view, offset, length, reader);
            assertEquals(lengths[i], n, "record " + i);
            EventCodec.decode(view, offset, out, reader);
            assertArrayEquals(full(in.get(i)), full(out), "record " + i + " (" + in.get(i).type + ")");
            offset += n;
        }
        assertEquals(length, offset);
    }

    @Test
    void aTickIsFullWhereNothingPrecedesItInTheDocumentOrItsSeqDoesNotFollow()
    {
        final ExpandableArrayBuffer doc = new ExpandableArrayBuffer(256);
        final EventCodec.Cursor writer = new EventCodec.Cursor();
        final EngineEvent first = market(EventType.TRADE, 0, 1000, 5_000, 1);
        final int n1 = EventCodec.encode(doc, 0, first, writer);
        assertEquals(full(first).length, n1);
        seq += 5; // a gap in the sequence
        final EngineEvent after = market(EventType.TRADE, 0, 1000, 5_000, 1);
        assertEquals(full(after).length, EventCodec.encode(doc, n1, after, writer));
        writer.reset(); // a new document
        final EngineEvent next = market(EventType.TRADE, 0, 1000, 5_000, 1);
        assertEquals(full(next).length, EventCodec.encode(doc, 0, next, writer));
    }

    @Test
    void aCompactRecordWithoutAnEventBeforeItOrCutShortIsNotARecord()
    {
        final ExpandableArrayBuffer doc = new ExpandableArrayBuffer(256);
        final EventCodec.Cursor writer = new EventCodec.Cursor();
        final int n1 = EventCodec.encode(doc, 0, market(EventType.TRADE, 0, 1000, 5_000, 1), writer);
        final int n2 = EventCodec.encode(doc, n1, market(EventType.TRADE, 0, 1001, Fixed.parse("61800"), Fixed.parse("0.5")), writer);
        final UnsafeBuffer view = new UnsafeBuffer(doc.byteArray(), 0, n1 + n2);
        // the compact record alone, as if its document began with it
        assertEquals(-1, EventCodec.next(view, n1, n1 + n2, new EventCodec.Cursor()));
        // cut short by one byte: its last field runs past the document's end
        final EventCodec.Cursor reader = new EventCodec.Cursor();
        assertEquals(n1, EventCodec.next(view, 0, n1 + n2, reader));
        assertEquals(-1, EventCodec.next(view, n1, n1 + n2 - 1, reader));
        // an unknown kind
        doc.putByte(n1, (byte)9);
        assertEquals(-1, EventCodec.next(view, n1, n1 + n2, reader));
        // the one-record decoder only reads full records
        assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(view, n1, new EngineEvent()));
    }

    /**
     * The last record's fields end at the document's very end, every width from 1 to 8 bytes: each is read
     * with a load that ends where the field does (the view stops at the document's end, so a read past it
     * would throw), and decodes to its value.
     */
    @Test
    void fieldsEndingAtTheDocumentsEndDecodeAtEveryWidth()
    {
        for (int width = 1; width <= 8; width++)
        {
            final ExpandableArrayBuffer doc = new ExpandableArrayBuffer(256);
            final EventCodec.Cursor writer = new EventCodec.Cursor();
            final EngineEvent first = market(EventType.TRADE, 4, 1_000, Fixed.parse("61800"), 1);
            // a quantity that takes exactly `width` bytes, the record's last field
            final long qty = width == 8 ? -1L : (1L << (8 * width - 1)) | 1;
            final EngineEvent last = market(EventType.TRADE, 4, 1_001, Fixed.parse("61800.5"), qty);
            final int n1 = EventCodec.encode(doc, 0, first, writer);
            final int n2 = EventCodec.encode(doc, n1, last, writer);
            assertEquals(EventCodec.KIND_TRADE_DELTA, doc.getByte(n1), "width " + width);
            final UnsafeBuffer view = new UnsafeBuffer(doc.byteArray(), 0, n1 + n2);
            final EventCodec.Cursor reader = new EventCodec.Cursor();
            assertEquals(n1, EventCodec.next(view, 0, n1 + n2, reader));
            assertEquals(n2, EventCodec.nextCompact(view, n1, n1 + n2, reader), "width " + width);
            final EngineEvent out = new EngineEvent();
            EventCodec.decode(view, n1, out, reader);
            assertEquals(qty, out.qty, "width " + width);
            assertEquals(Fixed.parse("61800.5"), out.price);
            assertEquals(1_001, out.ts);
            assertEquals(first.seq + 1, out.seq);
        }
    }

    /** Random ticks, random values (small steps and any long), random document ends: every input comes back. */
    @Test
    void randomTicksRoundTripAcrossDocuments()
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        final ExpandableArrayBuffer doc = new ExpandableArrayBuffer(1 << 16);
        final EventCodec.Cursor writer = new EventCodec.Cursor();
        final EventCodec.Cursor reader = new EventCodec.Cursor();
        final EngineEvent out = new EngineEvent();
        final List<EngineEvent> in = new ArrayList<>();
        long ts = 1_723_161_600_000L;
        long price = Fixed.parse("61800");
        int compact = 0;
        for (int round = 0; round < 2_000; round++)
        {
            in.clear();
            writer.reset();
            int length = 0;
            final int n = 1 + random.nextInt(20);
            for (int k = 0; k < n; k++)
            {
                ts += random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(5) - 1;
                price += random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(2001) - 1000;
                final EventType type = random.nextInt(8) == 0 ? EventType.FILL
                    : new EventType[] {EventType.TRADE, EventType.QUOTE, EventType.MARK}[random.nextInt(3)];
                final EngineEvent e = type == EventType.FILL ? fill(ts)
                    : market(type, random.nextInt(10) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(1000), ts, price,
                        random.nextInt(4) == 0 ? random.nextLong() : price + random.nextInt(500));
                in.add(e);
                final int len = EventCodec.encode(doc, length, e, writer);
                compact += doc.getByte(length) != EventCodec.KIND_EVENT ? 1 : 0;
                length += len;
            }
            final UnsafeBuffer view = new UnsafeBuffer(doc.byteArray(), 0, length);
            reader.reset();
            int offset = 0;
            for (final EngineEvent e : in)
            {
                final int len = EventCodec.next(view, offset, length, reader);
                assertTrue(len > 0, "round " + round + " offset " + offset);
                EventCodec.decode(view, offset, out, reader);
                assertArrayEquals(full(e), full(out), "round " + round + " seq " + e.seq);
                offset += len;
            }
            assertEquals(length, offset);
        }
        assertTrue(compact > 10_000, "most ticks after a document's first event are compact: " + compact);
    }
}
