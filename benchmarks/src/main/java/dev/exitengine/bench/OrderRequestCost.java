package dev.exitengine.bench;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.gateway.binance.ApiCredentials;
import dev.exitengine.gateway.binance.CloseOrderRequests;
import dev.exitengine.gateway.binance.PositionMode;
import dev.exitengine.gateway.binance.RequestSigner;
import dev.exitengine.gateway.binance.ServerClock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * The {@code order} section: what a real close costs on its way out before the network, on the account's
 * venue thread — the WebSocket API {@code order.place} request built from the close (parameters on the
 * step grid, sorted as the WebSocket API requires, HMAC-SHA256 signed, written as JSON) — against the bare
 * HMAC-SHA256 of a payload of the same length with a ready {@link Mac}, in the same run, alternating.
 */
final class OrderRequestCost extends ProfileSection
{
    /** Binance's documented example key pair (no account behind it). */
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final int ROUNDS = 9;
    private static final int PER_ROUND = 50_000;

    private long sink;

    OrderRequestCost(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws Exception
    {
        final CloseOrderRequests requests = new CloseOrderRequests(new RequestSigner(ApiCredentials.of("bench", API_KEY, SECRET, "benchmark")),
            new ServerClock(), PositionMode.ONE_WAY, CloseOrderRequests.DEFAULT_RECV_WINDOW_MS);
        final CloseOrder order = new CloseOrder();
        order.clientOrderId = ClientOrderIds.of(17_962_833_680_001L, 1);
        order.account = "a1";
        order.symbol = "BTCUSDT";
        order.side = Side.SELL;
        order.positionSide = PositionSide.BOTH;
        order.qty = Fixed.parse("0.123");
        order.reason = ExitReason.STOP_LOSS;
        order.tickSize = Fixed.parse("0.1");
        order.stepSize = Fixed.parse("0.001");
        order.takerFee = Fixed.parse("0.0004");
        final String sample = requests.webSocketRequest(order, "a1-1", 1_796_280_000_000L);
        final byte[] payload = Arrays.copyOf(sample.getBytes(StandardCharsets.UTF_8), sample.length() * 2 / 3);
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));

        for (int i = 0; i < 200_000; i++)
        {
            sink += requests.webSocketRequest(order, "a1-" + (i & 7), 1_796_280_000_000L + i).length();
            sink += mac.doFinal(payload)[0];
        }
        final double[] request = new double[ROUNDS];
        final double[] bare = new double[ROUNDS];
        final double[] ratio = new double[ROUNDS];
        long allocated = 0;
        for (int r = 0; r < ROUNDS; r++)
        {
            final long a0 = Allocation.threadAllocatedBytes();
            long t = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++)
            {
                sink += requests.webSocketRequest(order, "a1-" + (i & 7), 1_796_280_000_000L + i).length();
            }
            request[r] = (System.nanoTime() - t) / (double)PER_ROUND;
            allocated += Allocation.threadAllocatedBytes() - a0;
            t = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++)
            {
                sink += mac.doFinal(payload)[0];
            }
            bare[r] = (System.nanoTime() - t) / (double)PER_ROUND;
            ratio[r] = request[r] / bare[r];
        }
        Arrays.sort(request);
        Arrays.sort(bare);
        Arrays.sort(ratio);
        put("order.requestNs", request[ROUNDS / 2]);
        put("order.bareHmacNs", bare[ROUNDS / 2]);
        put("order.medianRatio", ratio[ROUNDS / 2]);
        put("order.payloadBytes", payload.length);
        put("order.allocBytesPerRequest", (double)allocated / (ROUNDS * PER_ROUND));
        log("order.place request built and signed: %.0f ns (median of %d rounds) vs bare HMAC-SHA256 of %d bytes: %.0f ns; "
            + "ratio %.2f (%.2f-%.2f); %.0f bytes allocated per request (%d)", request[ROUNDS / 2], ROUNDS, payload.length,
            bare[ROUNDS / 2], ratio[ROUNDS / 2], ratio[0], ratio[ROUNDS - 1], (double)allocated / (ROUNDS * PER_ROUND), sink & 1);
    }
}
