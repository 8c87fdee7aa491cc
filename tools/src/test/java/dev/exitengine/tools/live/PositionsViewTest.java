package dev.exitengine.tools.live;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionsViewTest
{
    private final Names names = new Names();
    private final PositionsView view = new PositionsView();
    private final Decisions decisions = new Decisions(names);

    private void feed(final Decision decision)
    {
        view.onDecision(decision, names);
    }

    private List<Long> ids()
    {
        return view.positions().stream().map(OpenPosition::positionId).toList();
    }

    @Test
    void keepsTheLatestLevelsOfEachPosition()
    {
        feed(decisions.levels(2, "a1", "BTCUSDT", "0.01", "50000", "51041", "48959"));
        feed(decisions.levels(1, "a2", "ETHUSDT", "1", "2600", "2700", "2500"));
        final Decision moved = decisions.levels(2, "a1", "BTCUSDT", "0.01", "50000", "51041", "49500");
        moved.trailingStop = Fixed.parse("50200.5");
        feed(moved);
        assertEquals(List.of(1L, 2L), ids());
        final OpenPosition p = view.positions().get(1);
        assertEquals("a1", p.account());
        assertEquals("BTCUSDT", p.symbol());
        assertEquals("LONG", p.positionSide());
        assertEquals(Fixed.parse("0.01"), p.qty());
        assertEquals(Fixed.parse("49500"), p.stopLoss());
        assertEquals(Fixed.parse("50200.5"), p.trailingStop());
        assertEquals(Fixed.NONE, p.breakevenStop());
    }

    @Test
    void aPartialExitKeepsThePositionAndTheWholeExitRemovesIt()
    {
        feed(decisions.levels(1, "a1", "BTCUSDT", "0.02", "50000", "51041", "48959"));
        feed(decisions.of(DecisionType.EXIT, 1, "0.01"));
        assertEquals(List.of(1L), ids(), "a scale-out leaves the rest open");
        feed(decisions.levels(1, "a1", "BTCUSDT", "0.01", "50000", "51041", "50000"));
        feed(decisions.of(DecisionType.EXIT, 1, "0.01"));
        assertTrue(view.positions().isEmpty());
    }

    @Test
    void ownFillReconciliationToZeroAndQuarantineRemoveThePosition()
    {
        feed(decisions.levels(1, "a1", "BTCUSDT", "0.01", "50000", "51041", "48959"));
        feed(decisions.levels(2, "a1", "BTCUSDT", "0.01", "50000", "51041", "48959"));
        feed(decisions.levels(3, "a1", "BTCUSDT", "0.01", "50000", "51041", "48959"));
        feed(decisions.levels(4, "a1", "BTCUSDT", "0.01", "50000", "51041", "48959"));
        feed(decisions.of(DecisionType.LEVELS, 1, "0"));
        feed(decisions.of(DecisionType.RECONCILE, 2, "0"));
        feed(decisions.of(DecisionType.RECONCILE, 3, "0.02"));
        feed(decisions.of(DecisionType.QUARANTINE, 4, "0.01"));
        feed(decisions.of(DecisionType.CLOSE, 3, "0.01"));
        assertEquals(List.of(3L), ids(), "a correction to a non-zero quantity keeps it");
        assertEquals(1, view.size());
    }
}
