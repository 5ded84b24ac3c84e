"""A case's weight: how much of a professional's capacity it takes.

    weight = base[level of need]
           + per_extra_child x (children - 1)
           + per_high_need x (need areas at high level)
           + per_high_risk x (high risks) + per_medium_risk x (medium risks)
           + repeat (if the family has been referred before)

rounded to a quarter point and kept between `minimum` and `maximum`. The
defaults make an ordinary level-3 family of two children with one high need
about 3 points, so a full-time family worker at 24 points carries about eight.
An administrator can change every number (WeightRules is stored as settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class WeightRules:
    base_by_level: dict[int, float] = field(default_factory=lambda: {1: 0.5, 2: 1.0, 3: 2.0, 4: 3.0})
    base_unknown_level: float = 2.0
    per_extra_child: float = 0.5
    per_high_need: float = 0.5
    per_high_risk: float = 0.75
    per_medium_risk: float = 0.25
    repeat: float = 0.5
    minimum: float = 0.5
    maximum: float = 8.0

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, values: dict) -> WeightRules:
        known = {f.name for f in fields(cls)}
        cleaned = {k: v for k, v in values.items() if k in known}
        if "base_by_level" in cleaned:
            cleaned["base_by_level"] = {int(k): float(v) for k, v in cleaned["base_by_level"].items()}
        return cls(**cleaned)


@dataclass(frozen=True)
class CaseComplexity:
    level_of_need: int | None
    children: int
    high_needs: int
    high_risks: int
    medium_risks: int
    repeat: bool


def case_weight(c: CaseComplexity, rules: WeightRules = WeightRules()) -> float:
    """The weight, rounded to a quarter point, within the rules' bounds."""
    raw = sum(points for points, _ in weight_parts(c, rules))
    return min(rules.maximum, max(rules.minimum, round(raw * 4) / 4))


def weight_parts(c: CaseComplexity, rules: WeightRules = WeightRules()) -> list[tuple[float, str]]:
    """Each part of the weight with what it is for, e.g. (0.5, "2 need areas at high level")."""
    base = (
        rules.base_by_level.get(c.level_of_need, rules.base_unknown_level)
        if c.level_of_need
        else rules.base_unknown_level
    )
    parts = [(base, f"level of need {c.level_of_need}" if c.level_of_need else "level of need not given")]
    if c.children > 1:
        parts.append((rules.per_extra_child * (c.children - 1), f"{c.children} children"))
    if c.high_needs:
        parts.append(
            (rules.per_high_need * c.high_needs, f"{c.high_needs} need area{'s' * (c.high_needs != 1)} at high level")
        )
    if c.high_risks:
        parts.append((rules.per_high_risk * c.high_risks, f"{c.high_risks} high risk{'s' * (c.high_risks != 1)}"))
    if c.medium_risks:
        parts.append(
            (rules.per_medium_risk * c.medium_risks, f"{c.medium_risks} medium risk{'s' * (c.medium_risks != 1)}")
        )
    if c.repeat:
        parts.append((rules.repeat, "referred before"))
    return parts
