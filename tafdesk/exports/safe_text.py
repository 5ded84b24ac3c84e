"""A document's text made safe for the renderers, whatever reached the
database (rows older than the import's check, manual entry): characters XML
1.0 and Word cannot hold are dropped, and a value that is not text is shown
as text, so that no document fails because of one field."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# What XML 1.0 forbids: C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF. DEL and C1 controls are legal XML but
# only ever noise in a letter, and reportlab draws them as boxes.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: Any) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return _UNSAFE.sub("", text)


def safe_document(value: Any) -> Any:
    """The same document structure with every string made safe (bytes, such
    as a logo or a chart, are left alone)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, tuple):
        return tuple(safe_document(v) for v in value)
    if isinstance(value, list):
        return [safe_document(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: safe_document(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
