"""Checking a document against the profile360-v1 contract (the JSON schema
shipped in tafdesk/contracts), with each problem said in plain English at its
JSON path: `referral.received_on: "2026-02-30" is not a valid date`."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tafdesk import clock
from tafdesk.contracts import PROFILE360_SCHEMA
from tafdesk.intake.formats import format_checker

MAX_PROBLEMS = 25  # enough to fix a file by; more is noise


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    item: int | None = None  # position in a JSON array of profiles, from 1
    profile_id: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.item is not None:
            where = f"profile {self.item}" + (f" ({self.profile_id})" if self.profile_id else "") + ": "
        return f"{where}{self.path}: {self.message}" if self.path else f"{where}{self.message}"


def profiles_in(document: Any) -> tuple[list[dict], list[Problem]]:
    """The profiles a document holds (one object, or an array of them) and every
    problem found in them. Profiles are usable only if there are no problems."""
    if isinstance(document, dict):
        items, numbered = [document], False
    elif isinstance(document, list):
        if not document:
            return [], [Problem("", "the file holds an empty list, so no profiles.")]
        items, numbered = document, True
    else:
        return [], [Problem("", f"expected a profile object or a list of them, found {_kind(document)}.")]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        profile_id = item.get("profile_id") if isinstance(item, dict) else None
        profile_id = profile_id if isinstance(profile_id, str) else None
        for path, message in _problems(item):
            problems.append(Problem(path, message, index if numbered else None, profile_id))
        if profile_id in seen:
            problems.append(
                Problem(
                    "profile_id", f"“{profile_id}” is also profile {seen[profile_id]} in this file.", index, profile_id
                )
            )
        elif profile_id:
            seen[profile_id] = index
        if len(problems) >= MAX_PROBLEMS:
            break
    return (items if not problems else []), problems[:MAX_PROBLEMS]


def _problems(profile: Any) -> Iterator[tuple[str, str]]:
    errors = sorted(_validator().iter_errors(profile), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        for error in errors:
            yield _path(error.absolute_path), _say(error)
        return
    yield from _unsafe_characters(profile, "")
    yield from _cross_references(profile)


# Control characters (a \u0000 escape included) but tab and newline, lone
# surrogates and the two non-characters: no database, XML or Word file holds them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _unsafe_characters(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _unsafe_characters(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsafe_characters(item, f"{path}[{index}]")
    elif isinstance(value, str) and (problem := unsafe_character(value)):
        yield path, problem


def unsafe_character(text: str) -> str | None:
    """What is wrong with text holding a character no database or document
    can hold, or None: the same rule for text typed into a form."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    return (
        f"holds a control character (U+{ord(found.group()):04X}) at character {found.start() + 1}; "
        "only tab and new line are allowed in text."
    )


@cache
def _validator():
    checker = format_checker()  # loads jsonschema without its slow optional format packages
    from jsonschema import Draft202012Validator

    schema = json.loads(PROFILE360_SCHEMA.read_text(encoding="utf-8"))
    one_profile = {"$schema": schema["$schema"], **_inlined({"$ref": "#/$defs/profile"}, schema["$defs"])}
    return Draft202012Validator(one_profile, format_checker=checker)


def _inlined(node: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """The schema with each `{"$ref": "#/$defs/name"}` replaced by that
    definition (its other keys, annotations such as description, kept). The
    contract's definitions do not refer to themselves, so this ends; it spares
    the validator looking each reference up again for every profile, which
    was a third of its time."""
    if isinstance(node, list):
        return [_inlined(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if ref is None:
        return {key: _inlined(value, defs, seen) for key, value in node.items()}
    name = ref.removeprefix("#/$defs/")
    if name == ref or name not in defs or name in seen:
        raise ValueError(f"the contract's reference {ref} cannot be inlined")
    rest = {key: value for key, value in node.items() if key != "$ref"}
    return {**_inlined(defs[name], defs, (*seen, name)), **_inlined(rest, defs, seen)}


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _say(error) -> str:
    value, rule, kind = error.instance, error.validator_value, error.validator
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else _kind(value)
    field = str(error.absolute_path[-1]) if error.absolute_path else ""
    if kind == "required":
        missing = [name for name in rule if name not in value]
        return f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing."
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(extra)} (a typo? the contract allows only its own fields)."
    if kind == "format":
        noun = {"date": "date (YYYY-MM-DD)", "date-time": "date and time with a time zone"}.get(rule, rule)
        return f"{shown} is not a valid {noun}."
    if kind == "enum":
        return f"{shown} is not one of: {', '.join(map(str, rule))}."
    if kind == "const":
        return f"expected {json.dumps(rule)}, found {shown}."
    if kind == "type":
        return f"expected {_type_name(rule)}, found {_kind(value)}."
    if kind in ("minLength", "pattern") and rule in (1, "\\S"):
        return "must not be blank."
    if kind == "pattern":
        if field == "postcode":
            return f"{shown} is not a valid UK postcode."
        return f"{shown} is not in the expected form ({_pattern_hint(field)})."
    if kind == "minItems":
        return f"must have at least {rule} item{'s' if rule > 1 else ''}."
    if kind == "maxLength":
        return f"is {len(value)} characters long; the most allowed is {rule}."
    if kind in ("minimum", "maximum"):
        return f"{shown} is {'below the lowest' if kind == 'minimum' else 'above the highest'} allowed value, {rule}."
    return error.message


def _type_name(rule: Any) -> str:
    names = {
        "object": "an object",
        "array": "a list",
        "string": "text",
        "boolean": "true or false",
        "integer": "a whole number",
    }
    return names.get(rule, str(rule))


def _pattern_hint(field: str) -> str:
    if field == "member_id":
        return "up to 40 letters, digits, - or _"
    if field == "profile_id":
        return "a reference such as ESAT-2026-00417"
    return "see the profile360 contract"


def _cross_references(profile: dict) -> Iterator[tuple[str, str]]:
    """Rules the schema cannot state: member ids unique and referred to
    correctly, dates of birth not in the future."""
    members = profile["family"]["members"]
    ids: dict[str, int] = {}
    for index, member in enumerate(members):
        member_id = member["member_id"]
        if member_id in ids:
            yield (
                f"family.members[{index}].member_id",
                f"“{member_id}” is also used by family.members[{ids[member_id]}].",
            )
        ids.setdefault(member_id, index)
        born = member.get("date_of_birth")
        if born and dt.date.fromisoformat(born) > clock.today():
            yield (
                f"family.members[{index}].date_of_birth",
                f"{born} is in the future (use expected_date for an unborn child).",
            )
    for section in ("needs", "agency_involvement", "risks"):
        for index, entry in enumerate(profile.get(section, [])):
            for position, ref in enumerate(entry.get("members", [])):
                if ref not in ids:
                    yield (
                        f"{section}[{index}].members[{position}]",
                        f"“{ref}” is not the member_id of any family member.",
                    )
