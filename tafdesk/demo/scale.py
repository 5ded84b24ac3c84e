"""How large a demo council is: named presets rather than a flag per
dimension. `small` is the council the demo has always made (three
localities, about ninety professionals, 400 families); `county` is a large
county's, for the reports' benchmarks (issue 18): 100,000 families with
histories going back five years and more, ten localities each with its
weekly group, about 900 professionals (every agency's team ten times the
size), and cases, plans, assessments and closures in proportion, as the
generator makes them per family. `--families` still sets the number of
families of either."""

from __future__ import annotations

from dataclasses import dataclass

from tafdesk.demo import places


@dataclass(frozen=True)
class Scale:
    name: str
    families: int  # unless --families says otherwise
    localities: tuple[places.LocalitySpec, ...]
    staff_multiple: int  # each agency's headcount times this

    def describe(self) -> str:
        return f"{self.name}: {self.families:,} families, {len(self.localities)} localities"


SCALES = {
    "small": Scale("small", 400, places.LOCALITIES, 1),
    "county": Scale("county", 100_000, places.LOCALITIES + places.COUNTY_LOCALITIES, 10),
}
DEFAULT = "small"


def scale_named(name: str) -> Scale:
    return SCALES[name]
