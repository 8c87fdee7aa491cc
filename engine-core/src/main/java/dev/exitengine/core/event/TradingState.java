package dev.exitengine.core.event;

/** ACTIVE trades normally; REDUCING sends exits only; HALTED sends nothing (a kill switch). */
public enum TradingState
{
    ACTIVE, REDUCING, HALTED
}
