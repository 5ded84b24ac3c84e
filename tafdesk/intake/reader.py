"""Reading a profile file: size, text encoding and JSON syntax, each problem
said in a sentence that names the file and where in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAX_BYTES = 50 * 1024 * 1024  # a year of a busy access team's profiles in one file


class UnreadableFile(Exception):
    """The file is not JSON text tafdesk can read; the message says why."""


def read_json(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(
                f"{path.name}: the file is {size / 1048576:.1f} MB; the most tafdesk reads is {MAX_BYTES // 1048576} MB."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path.name}: cannot be read ({exc.strerror}).") from exc
    return parse_json(data, path.name)


def parse_json(data: bytes, name: str) -> Any:
    if not data.strip():
        raise UnreadableFile(f"{name}: the file is empty.")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnreadableFile(f"{name}: this is not a text file (binary data at byte {nul}).")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"{name}: this is not UTF-8 text (byte 0x{data[exc.start]:02X} at position {exc.start}). "
            "Save the file as UTF-8 and import it again."
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{name}: line {exc.lineno}, column {exc.colno}: {_json_reason(exc.msg)}.") from exc
    except RecursionError as exc:
        raise UnreadableFile(f"{name}: the JSON is nested too deeply to be a profile.") from exc


def _json_reason(message: str) -> str:
    # json's messages are terse but accurate; make the commonest plainer.
    plain = {
        "Expecting value": "a value was expected here (a missing value, or a trailing comma?)",
        "Expecting ',' delimiter": "a comma was expected here",
        "Expecting property name enclosed in double quotes": "a field name in double quotes was expected here (a trailing comma?)",
        "Extra data": "there is more text after the end of the JSON",
        "Unterminated string starting at": "a text value is not closed with a double quote",
    }
    return plain.get(message, message[0].lower() + message[1:])
