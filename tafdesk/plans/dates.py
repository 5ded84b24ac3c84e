"""Dates as people in England type them: day first, always.

"8 Jan 2027", "8 January 2027", "Fri 8 Jan 2027", "08/01/2027", "8/1/27",
"8.1.2027", "2027-01-08", "today", "tomorrow", "yesterday", "+2w", "in 2
weeks", "+10d", "in 3 months", "-1w", "2 days ago". Text that could mean more
than one date, or none, is refused with a sentence saying what is wrong: a
date is never guessed. A date without its year is refused too (which 8 Jan?).
Plain Python: no Qt here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = tuple(calendar.month_name)[1:]  # January … December (English whatever the locale)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_YEAR, LAST_YEAR = 1900, 2099
EXAMPLES = "8 Jan 2027, 08/01/2027, today or +2w"

_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "month": "months",
    "months": "months",
}
_UNIT = r"(?P<unit>[a-z]+)?"
_AHEAD = re.compile(rf"(?:\+|in )\s*(?P<count>\d{{1,3}})\s*{_UNIT}")
_BACK = re.compile(rf"-\s*(?P<count>\d{{1,3}})\s*{_UNIT}|(?P<count2>\d{{1,3}})\s*(?P<unit2>[a-z]+) ago")
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_NUMBERS = re.compile(r"(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})(?:[-/. ](?P<y>\d+))?")
_SUFFIX = r"(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(
    rf"(?:(?P<wd>[a-z]+),? )?(?P<d>\d{{1,2}}){_SUFFIX}[ \-/]?(?P<m>[a-z]+)\.?,?(?:[ \-/]?(?P<y>\d+))?"
)
_MONTH_DAY = re.compile(rf"(?:(?P<wd>[a-z]+),? )?(?P<m>[a-z]+)\.? (?P<d>\d{{1,2}}){_SUFFIX},?(?: (?P<y>\d+))?")


class DateProblem(ValueError):
    """Text that is not one date; its message says why, for the person who typed it."""


def read_date(text: str, today: dt.date) -> dt.date | None:
    """The date `text` stands for (None when it is blank), or DateProblem."""
    plain = " ".join(text.casefold().replace("\u2212", "-").split())
    if not plain:
        return None
    relative = _relative(plain, today)
    if relative is not None:
        return relative
    for pattern, reader in ((_YEAR_FIRST, _numbers), (_NUMBERS, _numbers), (_DAY_MONTH, _words), (_MONTH_DAY, _words)):
        found = pattern.fullmatch(plain)
        if found:
            return reader(found, text.strip(), today)
    raise DateProblem(f"\u201c{text.strip()}\u201d is not a date tafdesk can read. Type it as {EXAMPLES}.")


def long_day(value: dt.date) -> str:
    """Friday 8 January 2027: what a typed date was read as."""
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


# -- relative to today -----------------------------------------------------------------


def _relative(plain: str, today: dt.date) -> dt.date | None:
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if plain in named:
        return today + dt.timedelta(days=named[plain])
    found, sign = _AHEAD.fullmatch(plain), 1
    if found is None:
        found, sign = _BACK.fullmatch(plain), -1
    if found is None:
        return None
    parts = found.groupdict()
    count = int(parts["count"] or parts.get("count2") or 0)  # each pattern has one count or the other
    unit = _UNITS.get(parts["unit"] or parts.get("unit2") or "")
    if unit is None:
        raise DateProblem(f"Say days, weeks or months: +{count}d, +{count}w or +{count}m.")
    if unit == "months":
        return _add_months(today, sign * count)
    return today + sign * dt.timedelta(**{unit: count})


def _add_months(start: dt.date, months: int) -> dt.date:
    """The same day so many months on, or that month's last day (31 Jan + 1 month: 28 or 29 Feb)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    _check_year(year, str(year))
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# -- written dates ---------------------------------------------------------------------


def _numbers(found: re.Match, typed: str, today: dt.date) -> dt.date:
    day, month = int(found["d"]), int(found["m"])
    if not 1 <= month <= 12:
        turned = " (dates are day first: 8/1/2027 is 8 January 2027)" if 1 <= day <= 12 and found.re is _NUMBERS else ""
        raise DateProblem(f"There is no month {month}{turned}.")
    return _made(day, month, found["y"], typed, today)


def _words(found: re.Match, typed: str, today: dt.date) -> dt.date:
    month = _month(found["m"])
    value = _made(int(found["d"]), month, found["y"], typed, today)
    if found["wd"]:
        weekday = _weekday(found["wd"])
        if weekday != value.weekday():
            raise DateProblem(
                f"{value.day} {MONTHS[month - 1]} {value.year} is a {WEEKDAYS[value.weekday()]}, "
                f"not a {WEEKDAYS[weekday]}."
            )
    return value


def _made(day: int, month: int, year_text: str | None, typed: str, today: dt.date) -> dt.date:
    if year_text is None:
        raise DateProblem(
            f"Give the year too: for example {day} {MONTHS[month - 1][:3]} {_likely_year(day, month, today)}."
        )
    if len(year_text) == 2:
        year = 2000 + int(year_text)
    elif len(year_text) == 4:
        year = int(year_text)
    else:
        raise DateProblem(f"\u201c{year_text}\u201d is not a year: give all four figures, as in 2027.")
    _check_year(year, year_text)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateProblem(f"There is no {day} {MONTHS[month - 1]} {year}: it has {last} days.")
    return dt.date(year, month, day)


def _check_year(year: int, typed: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateProblem(f"Check the year: {typed} is too far from today.")


def _likely_year(day: int, month: int, today: dt.date) -> int:
    """The year of the next such day (only a suggestion: it is never taken without asking)."""
    try:
        return today.year if dt.date(today.year, month, day) >= today else today.year + 1
    except ValueError:  # 29 Feb in a year without one
        return today.year + 1


def _month(word: str) -> int:
    return _named(word, MONTHS, "month", "Jan, Feb, Mar\u2026 or January")


def _weekday(word: str) -> int:
    return _named(word, WEEKDAYS, "day of the week", "Mon, Tue, Wed\u2026 or Monday") - 1


def _named(word: str, names: tuple[str, ...], kind: str, examples: str) -> int:
    """1-based position of the one name `word` begins, given at least three letters."""
    matches = [n for n, name in enumerate(names, start=1) if name.casefold().startswith(word)]
    if len(matches) == 1 and len(word) >= 3:
        return matches[0]
    if len(matches) > 1:
        options = ", ".join(names[n - 1] for n in matches[:-1]) + f" or {names[matches[-1] - 1]}"
        raise DateProblem(f"\u201c{word.capitalize()}\u201d could be {options}: write more of the {kind}.")
    if matches:
        raise DateProblem(f"Write at least three letters of the {kind}, as in {names[matches[0] - 1][:3]}.")
    raise DateProblem(f"\u201c{word.capitalize()}\u201d is not a {kind}: write it as {examples}.")
