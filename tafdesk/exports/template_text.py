"""The text of a letter template: a small, safe subset of Markdown with merge
fields, turned into document blocks.

    # Heading            ## Smaller heading
    A paragraph; lines next to each other join into one paragraph.
    **bold**, *italic* (or _italic_), \\* for a literal star
    - a bullet point
    «lead_professional.name»   a merge field (or {{lead_professional.name}},
                               easier to type on a UK keyboard)

A blank line ends a paragraph. A line ending in a backslash or two spaces
breaks the line there. A paragraph that is nothing but a list field (such as
«decision.actions») becomes a bullet list. Nothing else is interpreted: no
HTML, links or images, so a template cannot carry anything but words.

An unknown merge field is an error with its line and column, never a blank.
Merged values are inserted as they are: a family name with a star in it is
not read as emphasis.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from tafdesk.exports.document import Block, BulletList, Heading, Paragraph, Run

OPEN, CLOSE = "«", "»"
PAIRS = ((OPEN, CLOSE), ("{{", "}}"))  # either way of writing a field
FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\Z")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+")
_ESCAPABLE = set("\\`*_{}[]()#+-.!|<>~")


@dataclass(frozen=True)
class Unavailable:
    """A field this letter cannot fill truthfully (no lead professional was
    allocated; the letterhead has no telephone number). A template that uses
    it is refused, saying why, rather than printing something untrue."""

    reason: str


Value = str | tuple[str, ...] | Unavailable


@dataclass(frozen=True)
class TemplateProblem:
    line: int  # from 1
    column: int  # from 1
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return f"Line {self.line}, column {self.column}: {self.message}"


class TemplateError(ValueError):
    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class _Field:
    name: str
    line: int
    column: int


@dataclass(frozen=True)
class _Text:
    text: str
    bold: bool
    italic: bool


def fields_used(body: str) -> tuple[list[_Field], list[TemplateProblem]]:
    """Every merge field with its position, and problems with the brackets."""
    found, problems = _scan(body)
    return list(found), list(problems)


@functools.lru_cache(maxsize=64)  # a meeting pack merges the same few templates again and again
def _scan(body: str) -> tuple[tuple[_Field, ...], tuple[TemplateProblem, ...]]:
    found: list[_Field] = []
    problems: list[TemplateProblem] = []
    for number, line in enumerate(body.splitlines(), start=1):
        position = 0
        while True:
            start, opener, closer = _next_open(line, position)
            stray, stray_text = _next_close(line, position)
            if stray != -1 and (start == -1 or stray < start):
                problems.append(
                    TemplateProblem(number, stray + 1, f"“{stray_text}” without a “{_OPENS[stray_text]}” before it.")
                )
                position = stray + len(stray_text)
                continue
            if start == -1:
                break
            end = line.find(closer, start + len(opener))
            nested, _, _ = _next_open(line, start + len(opener))
            if end == -1 or (nested != -1 and nested < end):
                problems.append(
                    TemplateProblem(
                        number,
                        start + 1,
                        f"A merge field opened with “{opener}” is not closed with “{closer}” on the same line.",
                    )
                )
                position = start + len(opener)
                continue
            name = line[start + len(opener) : end].strip()
            if not FIELD_NAME.match(name):
                problems.append(
                    TemplateProblem(
                        number,
                        start + 1,
                        f"“{name}” is not a merge field name: names are "
                        "lower-case words joined by dots, such as «lead_professional.name».",
                        name or None,
                    )
                )
            else:
                found.append(_Field(name, number, start + 1))
            position = end + len(closer)
    return tuple(found), tuple(problems)


_OPENS = {close: open_ for open_, close in PAIRS}


def _next_open(line: str, position: int) -> tuple[int, str, str]:
    """Where the next field opens, with its opening and closing marks."""
    best = (-1, "", "")
    for opener, closer in PAIRS:
        at = line.find(opener, position)
        if at != -1 and (best[0] == -1 or at < best[0]):
            best = (at, opener, closer)
    return best


def _next_close(line: str, position: int) -> tuple[int, str]:
    best = (-1, "")
    for _, closer in PAIRS:
        at = line.find(closer, position)
        if at != -1 and (best[0] == -1 or at < best[0]):
            best = (at, closer)
    return best


def nearest_field(name: str, catalogue: Mapping[str, object]) -> str | None:
    """The valid field a misspelt one most likely meant."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(name, list(catalogue), scorer=fuzz.ratio, score_cutoff=60)
    return found[0] if found else None


def check(body: str, catalogue: Mapping[str, object], recipient: str = "this letter") -> list[TemplateProblem]:
    """Everything wrong with a template for a letter type whose fields are
    the catalogue's keys."""
    found, problems = fields_used(body)
    for f in found:
        if f.name not in catalogue:
            near = nearest_field(f.name, catalogue)
            hint = f"Did you mean «{near}»?" if near else "Choose one from the list of fields."
            problems.append(
                TemplateProblem(f.line, f.column, f"«{f.name}» is not a merge field of {recipient}. {hint}", f.name)
            )
    return sorted(problems, key=lambda p: (p.line, p.column))


def unavailable(body: str, values: Mapping[str, Value]) -> list[TemplateProblem]:
    """Each use of a field this letter cannot fill, with the reason."""
    found, _ = fields_used(body)
    return [
        TemplateProblem(f.line, f.column, f"«{f.name}» cannot be filled: {value.reason}.", f.name)
        for f in found
        if isinstance(value := values.get(f.name), Unavailable)
    ]


def render(body: str, values: Mapping[str, Value], recipient: str = "this letter") -> list[Block]:
    """The template's blocks with its fields merged. Raises TemplateError if
    any field is unknown or malformed: nothing is ever left blank."""
    problems = check(body, values, recipient) or unavailable(body, values)
    if problems:
        raise TemplateError(problems)
    out: list[Block] = []
    for kind, lines, level in _blocks(body):
        for block in _block(kind, lines, level, values):
            if kind == "bullet" and out and isinstance(out[-1], BulletList) and isinstance(block, BulletList):
                out[-1] = BulletList(out[-1].items + block.items)  # one list from consecutive bullet lines
            else:
                out.append(block)
    return out


@functools.lru_cache(maxsize=64)
def _blocks(body: str) -> tuple[tuple[str, list[tuple[int, str]], int], ...]:
    """Lines grouped into (kind, [(line number, text)], heading level)."""
    blocks: list[tuple[str, list[tuple[int, str]], int]] = []
    current: tuple[str, list[tuple[int, str]], int] | None = None
    for number, raw in enumerate(body.splitlines(), start=1):
        if not raw.strip():
            current = None
            continue
        heading = _HEADING.match(raw)
        bullet = _BULLET.match(raw)
        if heading:
            blocks.append(("heading", [(number, raw[heading.end() :])], len(heading.group(1))))
            current = None
        elif bullet:
            current = ("bullet", [(number, raw[bullet.end() :])], 0)
            blocks.append(current)
        elif current is not None and current[0] in ("para", "bullet"):
            current[1].append((number, raw.strip() if current[0] == "bullet" else raw))
        else:
            current = ("para", [(number, raw)], 0)
            blocks.append(current)
    return tuple(blocks)


def _block(kind: str, lines: list[tuple[int, str]], level: int, values: Mapping[str, Value]) -> list[Block]:
    if kind == "heading":
        return [Heading("".join(r.text for r in _inline(lines, values)).strip(), level)]
    only = lines[0][1].strip() if len(lines) == 1 else ""
    lone = _lone_field(only)
    if kind == "para" and lone is not None:
        value = values[lone]
        if isinstance(value, tuple):
            return [BulletList.of(value)] if value else [Paragraph.of("None recorded.")]
    content = _merge_runs(_inline(lines, values))
    if kind == "bullet":
        return [BulletList((content,))]
    return [Paragraph(content)] if content else []


def _lone_field(text: str) -> str | None:
    """The field a paragraph is made of alone (a list field becomes a list)."""
    for opener, closer in PAIRS:
        if text.startswith(opener) and text.endswith(closer) and text.count(opener) == 1:
            return text[len(opener) : -len(closer)].strip()
    return None


def _inline(lines: list[tuple[int, str]], values: Mapping[str, Value]) -> list[Run]:
    """A paragraph's lines as runs: soft line ends become spaces, hard ones
    (a trailing backslash or two spaces) line breaks."""
    out: list[Run] = []
    bold = italic = False
    for index, (_, raw) in enumerate(lines):
        text = raw.strip()
        if _hard_break(raw):
            text = text.removesuffix("\\").rstrip()
        if index:
            out.append(Run("\n" if _hard_break(lines[index - 1][1]) else " ", bold, italic))
        for piece in _tokens(text):
            if piece == "**":
                bold = not bold
            elif piece in ("*", "_"):
                italic = not italic
            elif isinstance(piece, _Field):
                value = values[piece.name]
                out.append(Run(_as_text(value), bold, italic))
            else:
                out.append(Run(piece, bold, italic))
    return out


def _hard_break(line: str) -> bool:
    stripped = line.rstrip()
    return line.endswith("  ") or (stripped.endswith("\\") and not stripped.endswith("\\\\"))


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[str | _Field, ...]:
    """Literal text, emphasis markers and fields, in order."""
    out: list[str | _Field] = []
    buffer = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            buffer.append(text[i + 1])
            i += 2
            continue
        pair = next(((o, c_) for o, c_ in PAIRS if text.startswith(o, i)), None)
        if pair is not None:
            opener, closer = pair
            end = text.find(closer, i + len(opener))
            if buffer:
                out.append("".join(buffer))
                buffer = []
            out.append(_Field(text[i + len(opener) : end].strip(), 0, 0))
            i = end + len(closer)
            continue
        if text.startswith("**", i) or text.startswith("__", i):
            marker = "**"
        elif c in "*_" and _emphasis_edge(text, i):
            marker = c
        else:
            buffer.append(c)
            i += 1
            continue
        if buffer:
            out.append("".join(buffer))
            buffer = []
        out.append("**" if marker == "**" else "*")
        i += len(marker)
    if buffer:
        out.append("".join(buffer))
    return tuple(out)


def _emphasis_edge(text: str, i: int) -> bool:
    """A single * or _ opens or closes italics only next to a word, not inside
    one (snake_case stays as it is) and not alone between spaces."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "_" and before.isalnum() and after.isalnum():
        return False
    return not (before.isspace() and after.isspace())


def _merge_runs(items: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in items:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    if merged:
        merged[-1] = Run(merged[-1].text.rstrip(" "), merged[-1].bold, merged[-1].italic)
        merged[0] = Run(merged[0].text.lstrip(" "), merged[0].bold, merged[0].italic)
    return tuple(r for r in merged if r.text)


def _as_text(value: Value) -> str:
    assert not isinstance(value, Unavailable)  # render refuses a template using one before merging
    if isinstance(value, tuple):
        if not value:
            return "none"
        return value[0] if len(value) == 1 else "; ".join(value)
    return value
