"""Small numbers in figures that leave tafdesk for a board: a count of 1 to 4
families could point to a family someone knows, so, as councils do in
published statistics, it is shown as "fewer than 5" (0 is shown: it points
to nobody). A rate, median or average worked out from fewer than 5 families,
or whose part is withheld, is "not shown". Where a breakdown would withhold
exactly one of its parts, the total less the others would give it away, so
the next smallest part is withheld too (secondary suppression).

`Disclosure(suppress=False)` shows every number, for a board that will keep
the pack to itself; the pack says which it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALLEST_SHOWN = 5
FEWER = f"fewer than {SMALLEST_SHOWN}"
NOT_SHOWN = "not shown"
NOTHING = "—"  # nothing to count or divide by


@dataclass(frozen=True)
class Disclosure:
    suppress: bool = True

    def small(self, n: int | None) -> bool:
        """Withheld: a count from 1 to 4, when small numbers are suppressed."""
        return self.suppress and n is not None and 0 < n < SMALLEST_SHOWN

    def count(self, n: int) -> str:
        return FEWER if self.small(n) else f"{n:,}"

    def rate(self, part: int, whole: int) -> str:
        """part ÷ whole as a whole percentage."""
        if not whole:
            return NOTHING
        if self.small(part) or self.small(whole):
            return NOT_SHOWN
        return f"{round(100 * part / whole)}%"

    def measure(self, families: int, value: float | None, unit: str = "", places: int = 0) -> str:
        """A median, percentile or average over `families`."""
        if value is None or not families:
            return NOTHING
        if self.small(families):
            return NOT_SHOWN
        return f"{value:,.{places}f}{unit}"

    def withheld(self, counts: Sequence[int]) -> list[bool]:
        """Which parts of a breakdown whose total is shown are withheld: the
        small ones and, where exactly one is small, the next smallest non-zero
        part with it."""
        hidden = [self.small(n) for n in counts]
        if sum(hidden) == 1:
            others = [(n, k) for k, n in enumerate(counts) if n and not hidden[k]]
            if others:
                hidden[min(others)[1]] = True
        return hidden

    def parts(self, counts: Sequence[int]) -> list[str]:
        """The parts as shown: “fewer than 5” for a small one, “not shown” for
        one withheld with it, the number for the rest."""
        hidden = self.withheld(counts)
        return [
            FEWER if self.small(n) else NOT_SHOWN if hide else f"{n:,}" for n, hide in zip(counts, hidden, strict=True)
        ]

    def chartable(self, n: int) -> float | None:
        """A count's bar in a chart: none where the count is withheld."""
        return None if self.small(n) else float(n)

    def words(self) -> str:
        if self.suppress:
            return (
                f"Counts of 1 to 4 families are shown as “{FEWER}”, and rates, medians and averages worked out "
                f"from fewer than {SMALLEST_SHOWN} families as “{NOT_SHOWN}”, as councils do in published figures; "
                "where a table would withhold one part only, the next smallest is withheld too, so that the total "
                "does not give it away."
            )
        return (
            "Every number is shown, small ones included: the pack is for a board that will not publish it. "
            "Do not share it further."
        )
