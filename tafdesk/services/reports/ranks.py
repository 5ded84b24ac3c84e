"""Medians and percentiles in SQL, by the nearest-rank method: the p-th
percentile of n values is the value at rank ceil(p × n / 100) in ascending
order (the median: p = 50), so it is always one of the values counted, and a
person can find it by hand in a sorted list. Window functions make it the
same on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery


@dataclass(frozen=True)
class Spread:
    count: int
    median: int | None
    percentile_90: int | None
    within: int  # values at or below the target


def _rank_of(count: Any, percent: int) -> ColumnElement[int]:
    """ceil(percent × count / 100) in whole numbers."""
    return (count * percent + 99) // 100


def spread(s: Session, values: Subquery, target: int) -> Spread:
    """Of `values` (a subquery with a column `value`, one row per case)."""
    ranked = select(
        values.c.value,
        func.row_number().over(order_by=values.c.value).label("rank"),
        func.count().over().label("n"),
    ).subquery("ranked")

    def at(percent: int) -> Any:
        return func.max(case((ranked.c.rank == _rank_of(ranked.c.n, percent), ranked.c.value)))

    within = func.coalesce(func.sum(case((ranked.c.value <= target, 1), else_=0)), 0)
    count, median, p90, inside = s.execute(select(func.count(), at(50), at(90), within).select_from(ranked)).one()
    return Spread(count, median, p90, int(inside))


def medians_by(s: Session, values: Subquery) -> dict[Any, int]:
    """Median `value` for each `key` of `values` (a subquery with both columns)."""
    ranked = select(
        values.c.key,
        values.c.value,
        func.row_number().over(partition_by=values.c.key, order_by=values.c.value).label("rank"),
        func.count().over(partition_by=values.c.key).label("n"),
    ).subquery("ranked")
    medians = select(ranked.c.key, ranked.c.value).where(ranked.c.rank == _rank_of(ranked.c.n, 50))
    return dict(s.execute(medians).all())
