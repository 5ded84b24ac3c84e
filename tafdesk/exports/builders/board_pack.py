"""The board pack: a period's key figures for a Health and Wellbeing or
safeguarding board, with a few charts, each section's one-line "how counted",
and the manager's narrative. Built once, as a neutral document, for the PDF
and Word renderers alike.

Only whole localities' figures: no family, case reference or professional is
named (the over-capacity allocations are a count, not the list), and small
numbers are withheld as `Disclosure` says (services/reports/small_numbers.py).
Every chart is described in words and followed by a table of its figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tafdesk.exports.chart import Bar, Line, bar_chart_png, line_chart_png
from tafdesk.exports.document import Document, DocumentBuilder, Image, Letterhead, Metadata, PageBreak
from tafdesk.services.reports.figures import CaseloadReport, Count, PerformanceReport
from tafdesk.services.reports.small_numbers import NOTHING, Disclosure

TITLE = "Early help board pack"
NO_NARRATIVE = "No narrative was written for this pack."
# Each section's "how counted", in a sentence (the README's "How the reports count" has the whole definition).
HOW = {
    "referrals": "Referrals received in the period, in the referral's locality; a repeat is a referral of a family "
    "whose previous case had closed in the 12 months before.",
    "timeliness": "Working days (weekends and bank holidays out) from the family's profile being received, for the "
    "cases that reached each step in the period; median and 90th percentile by nearest rank.",
    "outcomes": "Front-door decisions made in the period, and every decision of the Case Management Groups held in "
    "it, by what was decided.",
    "caseloads": "On the period's last day: each professional's load (the weights of the cases they lead, and a "
    "quarter of those they support) against their capacity, added up by agency; week by week for the chart.",
    "plans": "Families allocated in the period: first plan agreed within 20 working days of allocation. Reviews that "
    "fell due in the period: held by the day due. Distance travelled: families scored in a need area at two "
    "reviews or more, the latest in the period.",
    "closures": "Cases closed in the period, by closure reason, with the median calendar days from referral to "
    "closure.",
}


@dataclass(frozen=True)
class BoardPackContent:
    performance: PerformanceReport
    caseloads: CaseloadReport
    narrative: str  # the manager's words; blank lines part paragraphs; "" for none
    made_on: dt.date
    made_by: str
    letterhead: Letterhead
    disclosure: Disclosure


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def build_board_pack(pack: BoardPackContent) -> Document:
    doc = DocumentBuilder()
    _title_page(doc, pack)
    _narrative(doc, pack.narrative)
    _at_a_glance(doc, pack)
    _referrals(doc, pack)
    _timeliness(doc, pack)
    _outcomes(doc, pack)
    _caseloads(doc, pack)
    _plans(doc, pack)
    _closures(doc, pack)
    _about(doc, pack)
    report = pack.performance
    meta = Metadata(
        title=f"{TITLE}: {report.reach.words()}, {report.period.words()}",
        author=pack.letterhead.organisation,
        subject="Early help key figures for the board",
        keywords=("board pack", "early help", report.reach.words()),
    )
    marking = "OFFICIAL" if pack.disclosure.suppress else "OFFICIAL-SENSITIVE"
    return doc.build(meta, pack.letterhead, marking)


def _title_page(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    report = pack.performance
    doc.heading(TITLE, 1)
    doc.para(f"Key figures for {report.period.words()}: {report.reach.words()}.", "lead")
    doc.labels(
        [
            ("Period", report.period.words()),
            ("Localities covered", report.reach.words()),
            ("Produced", f"{_day(pack.made_on)} by {pack.made_by}"),
            ("Small numbers", "Withheld (fewer than 5)" if pack.disclosure.suppress else "Shown: not for publication"),
        ]
    )
    doc.para(
        "Whole localities' figures only: the pack names no family, child or professional. "
        "Each section says in a line how its figures are counted.",
        "small",
    )
    doc.add(PageBreak())


def _narrative(doc: DocumentBuilder, narrative: str) -> None:
    doc.heading("The manager's summary", 2)
    paragraphs = [" ".join(part.split()) for part in narrative.replace("\r\n", "\n").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        doc.para(NO_NARRATIVE, "small")
    for text in paragraphs:
        doc.para(text)


def _at_a_glance(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    report, show = pack.performance, pack.disclosure
    referrals, plans = report.referrals, report.plans
    on_time = _count(plans.timeliness.counts, "on_time")
    judged = sum(c.count for c in plans.timeliness.counts if c.key in ("on_time", "late", "overdue"))
    rows = [
        ("Referrals received", show.count(referrals.received)),
        ("Repeat referrals within 12 months", show.rate(referrals.repeats.repeats, referrals.received)),
        *(
            (f"{stage.label}: within {stage.target} working days", show.rate(stage.within_target, stage.cases))
            for stage in report.timeliness.stages
        ),
        ("Decisions of the Case Management Groups", show.count(report.outcomes.meeting_total)),
        ("Caseload against capacity, all agencies", _utilisation(pack)),
        ("Allocations over capacity", show.count(len(pack.caseloads.figures.over_capacity))),
        ("Plans agreed within 20 working days", show.rate(on_time, judged)),
        ("Cases closed", show.count(report.closures.closed)),
    ]
    doc.heading("At a glance", 2)
    doc.table(["Figure", "This period"], rows, (5, 2))


def _referrals(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    referrals, show = pack.performance.referrals, pack.disclosure
    doc.heading("Referrals", 2)
    doc.para(HOW["referrals"], "caption")
    repeats = referrals.repeats
    _figures(
        doc,
        [
            ("Referrals received", show.count(referrals.received)),
            ("Repeat referrals within 12 months", show.count(repeats.repeats)),
            ("Repeat rate", show.rate(repeats.repeats, referrals.received)),
        ],
    )
    if len(referrals.by_locality) > 1:
        parts = show.parts([s.total for s in referrals.by_locality])
        doc.table(["Locality", "Referrals"], zip([s.label for s in referrals.by_locality], parts, strict=True), (4, 2))
    needs = sorted((s for s in referrals.by_need if s.total), key=lambda s: -s.total)
    if needs:
        doc.heading("Referrals by need area", 3)
        bars = [Bar(s.label, show.chartable(s.total), show.count(s.total)) for s in needs]
        if any(bar.value for bar in bars):
            doc.add(Image(bar_chart_png(bars), 165, _bars_mm(bars), _bars_words("Referrals by need area", bars)))
        doc.table(
            ["Need area", "Referrals"],
            [(bar.label, bar.text) for bar in bars],
            (4, 2),
            caption="A referral counts once in each need area its profile names, so the areas add up to more "
            "than the referrals; need areas with none are left out.",
        )


def _timeliness(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    show = pack.disclosure
    stages = pack.performance.timeliness.stages
    doc.heading("Timeliness", 2)
    doc.para(HOW["timeliness"], "caption")
    rows = [
        (
            stage.label,
            show.count(stage.cases),
            show.measure(stage.cases, stage.median),
            show.measure(stage.cases, stage.percentile_90),
            str(stage.target),
            show.rate(stage.within_target, stage.cases),
        )
        for stage in stages
    ]
    doc.table(
        ["Wait", "Cases", "Median (working days)", "90th percentile", "Target", "Within target"],
        rows,
        (4.2, 1.4, 1.8, 1.6, 1.2, 1.5),
    )
    bars = [Bar(row[0], _percent(row[5]), row[5]) for row in rows]
    if any(bar.value is not None for bar in bars):
        doc.add(
            Image(
                bar_chart_png(bars, maximum=100),
                165,
                _bars_mm(bars),
                _bars_words("Share of cases within the target for each wait", bars),
            )
        )


def _outcomes(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    outcomes, show = pack.performance.outcomes, pack.disclosure
    doc.heading("Decisions and outcomes", 2)
    doc.para(HOW["outcomes"], "caption")
    for name, total, counts in (
        ("Front-door decisions", outcomes.front_door_total, outcomes.front_door),
        ("Decisions of the Case Management Groups", outcomes.meeting_total, outcomes.meeting),
    ):
        shown = [c for c in counts if c.count]
        hidden = show.withheld([c.count for c in shown])
        parts = show.parts([c.count for c in shown])
        doc.table(
            ["Outcome", "Decisions", "Share"],
            [
                *(
                    (c.label, part, "" if hide else show.rate(c.count, total))
                    for c, part, hide in zip(shown, parts, hidden, strict=True)
                ),
                ("Total", show.count(total), "100%" if total else NOTHING),
            ],
            (4.5, 1.6, 1.2),
            caption=name,
        )
    meeting = [c for c in outcomes.meeting if c.count]
    if meeting:
        hidden = show.withheld([c.count for c in meeting])
        parts = show.parts([c.count for c in meeting])
        bars = [
            Bar(c.label, None if hide else float(c.count), part)
            for c, part, hide in zip(meeting, parts, hidden, strict=True)
        ]
        doc.add(Image(bar_chart_png(bars), 165, _bars_mm(bars), _bars_words("The groups' decisions by outcome", bars)))
    deferrals = outcomes.deferrals
    steps_up = sum(s.count for s in outcomes.steps if s.direction == "stepped_up")
    steps_down = sum(s.count for s in outcomes.steps if s.direction == "stepped_down")
    _figures(
        doc,
        [
            ("Stepped up to children's social care", show.count(steps_up)),
            ("Stepped down to universal or early help", show.count(steps_down)),
            ("Stepped down to early help from social care", show.count(outcomes.into_early_help.count)),
            ("Families deferred", show.count(deferrals.families)),
            (
                "Times each was deferred, on average",
                show.measure(deferrals.families, deferrals.average_times, places=1),
            ),
        ],
    )


def _caseloads(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    figures, show = pack.caseloads.figures, pack.disclosure
    doc.heading("Caseloads and capacity", 2)
    doc.para(HOW["caseloads"], "caption")
    rows = [
        (
            a.agency,
            str(a.professionals),
            _number(a.capacity),
            show.count(a.led_cases),
            _number(a.load),
            _share(a.utilisation),
        )
        for a in figures.agencies
    ]
    doc.table(
        ["Agency", "Professionals", "Capacity (points)", "Cases led", "Load (points)", "Load against capacity"],
        rows,
        (3.6, 1.6, 1.6, 1.3, 1.5, 1.7),
        caption=f"As at {_day(figures.as_at)}.",
    )
    over = len(figures.over_capacity)
    _figures(doc, [("Allocations over capacity, with the chair's recorded reason", show.count(over))])
    weeks = [p for p in figures.utilisation if p.agency_id is None]
    if len(weeks) > 1 and any(p.utilisation is not None for p in weeks):
        values = tuple(None if p.utilisation is None else 100 * p.utilisation for p in weeks)
        top = max(125.0, *(v for v in values if v is not None))
        png = line_chart_png(
            [Line("All agencies", values)],
            [f"{p.week.day} {p.week:%b}" for p in weeks],
            maximum=25 * -(-top // 25),
            y_format="{:.0f}%",
            reference=100,
        )
        doc.add(Image(png, 165, 70, _line_words(weeks, values)))
        doc.para(
            "Load against capacity at the end of each week, all agencies; the dashed line is full capacity.", "small"
        )


def _plans(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    plans, show = pack.performance.plans, pack.disclosure
    doc.heading("Team Around the Family plans", 2)
    doc.para(HOW["plans"], "caption")
    for name, heading, counts in (
        (
            f"Plans of the {show.count(plans.timeliness.allocated)} families allocated",
            "Families",
            plans.timeliness.counts,
        ),
        (f"The {show.count(plans.reviews.due)} reviews due", "Reviews", plans.reviews.counts),
    ):
        parts = show.parts([c.count for c in counts])
        doc.table(["Status", heading], zip([c.label for c in counts], parts, strict=True), (4.5, 1.6), caption=name)
    on_time, judged = _judged(plans.timeliness.counts)
    reviews_on_time, reviews_judged = _judged(plans.reviews.counts)
    _figures(
        doc,
        [
            ("Plans agreed within 20 working days", show.rate(on_time, judged)),
            ("Reviews held on time", show.rate(reviews_on_time, reviews_judged)),
        ],
    )
    scored = [d for d in plans.distance if d.cases]
    if scored:
        doc.table(
            ["Need area", "Families", "First score", "Latest score", "Change", "Improved"],
            [
                (
                    d.label,
                    show.count(d.cases),
                    show.measure(d.cases, d.first_average, places=1),
                    show.measure(d.cases, d.latest_average, places=1),
                    show.measure(d.cases, d.change_average, places=1),
                    show.rate(d.improved, d.cases),
                )
                for d in scored
            ],
            (3.6, 1.4, 1.4, 1.4, 1.2, 1.4),
            caption="Distance travelled: average scores out of 10 (higher is better), first and latest.",
        )


def _closures(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    closures, show = pack.performance.closures, pack.disclosure
    doc.heading("Closures", 2)
    doc.para(HOW["closures"], "caption")
    rows = [r for r in closures.by_reason if r.closed]
    parts = show.parts([r.closed for r in rows])
    doc.table(
        ["Reason", "Cases closed", "Median days open"],
        [
            *((r.label, part, show.measure(r.closed, r.median_days)) for r, part in zip(rows, parts, strict=True)),
            ("Total", show.count(closures.closed), ""),
        ],
        (4.5, 1.6, 1.8),
    )


def _about(doc: DocumentBuilder, pack: BoardPackContent) -> None:
    doc.heading("About these figures", 2)
    doc.para(pack.disclosure.words(), "small")
    doc.para(
        "“—” is a figure with nothing to count or divide by. Every figure is counted by tafdesk from the "
        "records of the localities covered; the definitions in full are in tafdesk's README, “How the reports "
        "count”.",
        "small",
    )


# -- helpers ---------------------------------------------------------------------------------


def _figures(doc: DocumentBuilder, rows: Sequence[tuple[str, str]], caption: str | None = None) -> None:
    doc.table(["Figure", "Number"], rows, (5, 2), caption=caption)


def _count(counts: Sequence[Count], key: str) -> int:
    return next((c.count for c in counts if c.key == key), 0)


def _judged(counts: Sequence[Count]) -> tuple[int, int]:
    """On time, and on time + late + overdue (what a rate of timeliness divides by)."""
    return _count(counts, "on_time"), sum(_count(counts, key) for key in ("on_time", "late", "overdue"))


def _utilisation(pack: BoardPackContent) -> str:
    agencies = pack.caseloads.figures.agencies
    capacity = sum(a.capacity for a in agencies)
    return _share(sum(a.load for a in agencies) / capacity if capacity else None)


def _share(fraction: float | None) -> str:
    return NOTHING if fraction is None else f"{round(100 * fraction)}%"


def _number(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _percent(text: str) -> float | None:
    return float(text.removesuffix("%")) if text.endswith("%") else None


def _bars_mm(bars: Sequence[Bar]) -> float:
    return 7.5 * max(len(bars), 1) + 4


def _bars_words(title: str, bars: Sequence[Bar]) -> str:
    return f"Bar chart: {title}. " + "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."


def _line_words(weeks, values: Sequence[float | None]) -> str:
    known = [(p.week, v) for p, v in zip(weeks, values, strict=True) if v is not None]
    first, last = known[0], known[-1]
    return (
        f"Line chart: caseload against capacity, all agencies, week by week, from {round(first[1])}% in the week of "
        f"{_day(first[0])} to {round(last[1])}% in the week of {_day(last[0])}."
    )
