"""`tafdesk settings ...`: the settings shared by everyone on the database —
case weight rules, the meeting quorum, the letterhead (council-wide, and
each locality's own), the retention periods and the reports' timeliness
targets — shown and changed by an
administrator (each change audited by the services)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from tafdesk.cli_sign_in import add_sign_in_options

EXIT_OK = 0
LETTERHEAD_FIELDS = (
    "organisation",
    "department",
    "address",
    "phone",
    "email",
    "website",
    "footer",
    "signatory_name",
    "signatory_title",
    "complaints",
    "privacy_contact",
)
FOLLOW = "council-wide"  # `settings set letterhead.CODE council-wide`: the locality follows it again


def add_parser(commands) -> None:
    settings = commands.add_parser(
        "settings",
        help="show or change shared settings: case weights, meeting quorum, letterhead, retention, timeliness targets",
    ).add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = settings.add_parser("show", help="print every shared setting")
    change = settings.add_parser(
        "set",
        help="change one: weights.NAME VALUE, quorum N, letterhead[.LOCALITY].FIELD TEXT, "
        "letterhead[.LOCALITY].logo PNG-FILE, letterhead.LOCALITY council-wide, retention.NAME N, timeliness.NAME N",
        description='Names: weights.base_by_level (JSON such as {"3": 2.5}), weights.per_extra_child, '
        "weights.per_high_need, weights.per_high_risk, weights.per_medium_risk, weights.repeat, "
        "weights.minimum, weights.maximum; quorum (core agencies present); letterhead."
        + ", letterhead.".join(LETTERHEAD_FIELDS)
        + " (address lines separated by |); letterhead.logo. "
        "letterhead.N.phone (N: a locality's code) changes that locality's own letterhead (begun from "
        f"the council-wide one); letterhead.N {FOLLOW} makes it follow the council-wide one again. "
        "retention.youngest_child_age, retention.years_after_work, retention.years_not_allocated, "
        "retention.months_draft_after_end, retention.years_minutes (whole numbers; the README says what "
        "each keeps and why). timeliness.front_door, timeliness.meeting_decision, timeliness.allocation: the "
        "reports' targets in working days from a profile being received.",
    )
    change.add_argument("name")
    change.add_argument("value")
    for sub in (show, change):
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
        add_sign_in_options(sub)


def run_settings(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.services.letterhead import LetterheadService
    from tafdesk.services.shared_settings import SharedSettings

    database, actor = sign_in(args, db_arg)
    try:
        shared, letterheads = SharedSettings(database, actor), LetterheadService(database, actor)
        if args.settings_command == "set":
            _set(shared, letterheads, args.name, args.value)
        weights = dataclasses.asdict(shared.weight_rules())
        localities = {c.code: (c.locality_id if c.own else None) for c in letterheads.choices() if c.locality_id}
        print(
            json.dumps(
                {
                    "weights": weights,
                    "quorum": shared.quorum(),
                    "retention": shared.retention_periods().as_dict(),
                    "timeliness": shared.timeliness_targets().as_dict(),
                    "letterhead": _shown(letterheads.letterhead()),
                    "locality_letterheads": {
                        code: _shown(letterheads.letterhead(i)) if i else f"follows {FOLLOW}"
                        for code, i in localities.items()
                    },
                },
                indent=2,
                ensure_ascii=False,
                default=list,
            )
        )
        return EXIT_OK
    finally:
        database.dispose()


def _set(shared, letterheads, name: str, value: str) -> None:
    from tafdesk.services.errors import ValidationError

    section, _, field = name.partition(".")
    if section == "quorum" and not field:
        if not value.isdigit():
            raise ValidationError({"quorum": f"“{value}” is not a whole number."})
        shared.set_quorum(int(value))
    elif section == "weights" and field:
        rules = dataclasses.asdict(shared.weight_rules())
        if field not in rules:
            raise ValidationError({name: f"There is no weight called “{field}” (see tafdesk settings set --help)."})
        try:
            rules[field] = json.loads(value) if field == "base_by_level" else float(value)
        except ValueError:
            raise ValidationError(
                {name: f"“{value}” is not a number{' or JSON' * (field == 'base_by_level')}."}
            ) from None
        from tafdesk.allocation.weights import WeightRules

        shared.set_weight_rules(WeightRules.from_dict(rules))
    elif section == "letterhead":
        _set_letterhead(letterheads, name, field, value)
    elif section == "retention" and field:
        from tafdesk.services.retention_periods import with_value

        shared.set_retention_periods(with_value(shared.retention_periods(), field, value))
    elif section == "timeliness" and field:
        _set_target(shared, name, field, value)
    else:
        raise ValidationError({name: "Not a shared setting (see tafdesk settings set --help)."})


def _set_target(shared, name: str, field: str, value: str) -> None:
    from tafdesk.services.errors import ValidationError

    targets = shared.timeliness_targets().as_dict()
    if field not in targets:
        raise ValidationError(
            {name: f"There is no timeliness target called “{field}” (see tafdesk settings set --help)."}
        )
    if not value.strip().isdigit():
        raise ValidationError({name: f"“{value}” is not a whole number of working days."})
    from tafdesk.services.shared_settings import TimelinessTargets

    shared.set_timeliness_targets(TimelinessTargets(**{**targets, field: int(value)}))


def _set_letterhead(letterheads, name: str, field: str, value: str) -> None:
    """letterhead.FIELD, letterhead.CODE.FIELD, or letterhead.CODE council-wide."""
    from tafdesk.services.errors import ValidationError
    from tafdesk.services.letterhead import LetterheadSettings

    editable = (*LETTERHEAD_FIELDS, "logo")
    code, _, field = field.rpartition(".") if "." in field or field in editable else (field, "", "")
    locality_id = None
    if code:
        locality_id = {c.code.casefold(): c.locality_id for c in letterheads.choices() if c.code}.get(code.casefold())
        if locality_id is None:
            raise ValidationError({name: f"There is no locality with the code “{code}”."})
    if locality_id and not field and value == FOLLOW:
        letterheads.reset(locality_id)
        return
    if field not in editable:
        raise ValidationError({name: "Not a shared setting (see tafdesk settings set --help)."})
    head = letterheads.letterhead(locality_id)
    current: dict[str, Any] = {f: getattr(head, f) or ("" if f != "address" else ()) for f in LETTERHEAD_FIELDS}
    logo = head.logo_png
    if field == "logo":
        logo = Path(value).read_bytes() if value else None
    else:
        current[field] = tuple(value.split("|")) if field == "address" else value
    letterheads.save(LetterheadSettings(**current, logo_png=logo), locality_id)


def _shown(head) -> dict:
    return {f: getattr(head, f) for f in LETTERHEAD_FIELDS} | {"logo": "set" if head.logo_png else "none"}
