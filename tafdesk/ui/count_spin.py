"""A number box whose unit agrees with its number: "1 week", "6 weeks"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox


def follow_count(spin: QSpinBox, one: str, many: str) -> Callable[[int], None]:
    """Keep spin's suffix singular at 1 and plural otherwise. Returns the
    function that sets it, for a value set while the box's signals are blocked."""

    def unit(value: int) -> None:
        spin.setSuffix(f" {one if value == 1 else many}")

    spin.valueChanged.connect(unit)
    unit(spin.value())
    return unit
