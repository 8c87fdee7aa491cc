package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;

import java.util.Arrays;

/**
 * One {@code ACCOUNT_UPDATE} of the user data stream: a reusable holder valid only during
 * {@link UserStreamListener#onAccountUpdate}. Only the symbols whose position changed are pushed; a
 * cross funding fee pushes balances only. Entries are pooled: they grow to the largest update seen and
 * are reused after that.
 */
public final class AccountUpdate
{
    /** One entry of {@code a.P}. */
    public static final class Position
    {
        String symbol;
        String positionSide;
        long amount;
        long entryPrice;
        long breakEvenPrice;
        long unrealizedPnl;
        long accumulatedRealized;
        String marginType;

        void reset()
        {
            symbol = null;
            positionSide = null;
            amount = 0;
            entryPrice = 0;
            breakEvenPrice = Fixed.NONE;
            unrealizedPnl = Fixed.NONE;
            accumulatedRealized = Fixed.NONE;
            marginType = null;
        }

        /** {@code s}. */
        public String symbol()
        {
            return symbol;
        }

        /** {@code ps}: BOTH, LONG or SHORT. */
        public String positionSide()
        {
            return positionSide;
        }

        /** {@code pa}: signed (negative is short in one-way mode; a SHORT side is negative too). */
        public long amount()
        {
            return amount;
        }

        /** {@code ep}. */
        public long entryPrice()
        {
            return entryPrice;
        }

        /** {@code bep}; {@link Fixed#NONE} when absent. */
        public long breakEvenPrice()
        {
            return breakEvenPrice;
        }

        /** {@code up}; {@link Fixed#NONE} when absent. */
        public long unrealizedPnl()
        {
            return unrealizedPnl;
        }

        /** {@code cr}: pre-fee accumulated realized; {@link Fixed#NONE} when absent. */
        public long accumulatedRealized()
        {
            return accumulatedRealized;
        }

        /** {@code mt}: isolated or cross; null when absent. */
        public String marginType()
        {
            return marginType;
        }

        @Override
        public String toString()
        {
            return symbol + '/' + positionSide + " pa=" + Fixed.toString(amount) + " ep=" + Fixed.toString(entryPrice) +
                " bep=" + Fixed.toString(breakEvenPrice) + " up=" + Fixed.toString(unrealizedPnl);
        }
    }

    /** One entry of {@code a.B}. */
    public static final class Balance
    {
        String asset;
        long walletBalance;
        long crossWalletBalance;
        long balanceChange;

        void reset()
        {
            asset = null;
            walletBalance = 0;
            crossWalletBalance = Fixed.NONE;
            balanceChange = Fixed.NONE;
        }

        /** {@code a}. */
        public String asset()
        {
            return asset;
        }

        /** {@code wb}. */
        public long walletBalance()
        {
            return walletBalance;
        }

        /** {@code cw}; {@link Fixed#NONE} when absent. */
        public long crossWalletBalance()
        {
            return crossWalletBalance;
        }

        /** {@code bc}: the change except PnL and commission; {@link Fixed#NONE} when absent. */
        public long balanceChange()
        {
            return balanceChange;
        }

        @Override
        public String toString()
        {
            return asset + " wb=" + Fixed.toString(walletBalance);
        }
    }

    long eventTime;
    long transactionTime;
    String reason;
    String fundingSymbol;
    private Position[] positions = new Position[4];
    private int positionCount;
    private Balance[] balances = new Balance[2];
    private int balanceCount;

    void reset()
    {
        eventTime = 0;
        transactionTime = 0;
        reason = null;
        fundingSymbol = null;
        positionCount = 0;
        balanceCount = 0;
    }

    Position addPosition()
    {
        if (positionCount == positions.length)
        {
            positions = Arrays.copyOf(positions, positionCount * 2);
        }
        Position p = positions[positionCount];
        if (p == null)
        {
            p = new Position();
            positions[positionCount] = p;
        }
        positionCount++;
        p.reset();
        return p;
    }

    Balance addBalance()
    {
        if (balanceCount == balances.length)
        {
            balances = Arrays.copyOf(balances, balanceCount * 2);
        }
        Balance b = balances[balanceCount];
        if (b == null)
        {
            b = new Balance();
            balances[balanceCount] = b;
        }
        balanceCount++;
        b.reset();
        return b;
    }

    /** {@code E}. */
    public long eventTime()
    {
        return eventTime;
    }

    /** {@code T}. */
    public long transactionTime()
    {
        return transactionTime;
    }

    /** {@code a.m}: ORDER, FUNDING_FEE, DEPOSIT, …. */
    public String reason()
    {
        return reason;
    }

    /** {@code a.S}: the symbol of a FUNDING_FEE update; null when absent. */
    public String fundingSymbol()
    {
        return fundingSymbol;
    }

    /** How many entries {@code a.P} had. */
    public int positionCount()
    {
        return positionCount;
    }

    /** Entry {@code index} of {@code a.P}, in the frame's order. */
    public Position position(final int index)
    {
        if (index < 0 || index >= positionCount)
        {
            throw new IndexOutOfBoundsException("position " + index + " of " + positionCount);
        }
        return positions[index];
    }

    /** How many entries {@code a.B} had. */
    public int balanceCount()
    {
        return balanceCount;
    }

    /** Entry {@code index} of {@code a.B}, in the frame's order. */
    public Balance balance(final int index)
    {
        if (index < 0 || index >= balanceCount)
        {
            throw new IndexOutOfBoundsException("balance " + index + " of " + balanceCount);
        }
        return balances[index];
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(128).append("AccountUpdate{E=").append(eventTime).append(" m=").append(reason);
        for (int i = 0; i < balanceCount; i++)
        {
            sb.append(" [").append(balances[i]).append(']');
        }
        for (int i = 0; i < positionCount; i++)
        {
            sb.append(" [").append(positions[i]).append(']');
        }
        return sb.append('}').toString();
    }
}
