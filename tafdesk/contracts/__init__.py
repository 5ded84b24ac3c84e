"""Data contracts with systems outside tafdesk, shipped as package data."""

from pathlib import Path

PROFILE360_SCHEMA = Path(__file__).resolve().parent / "profile360-v1.schema.json"


def max_length(*where: str) -> int | None:
    """The longest text the contract allows at a field, or None where it sets
    no limit: `max_length("person", "first_name")` is 20000. `where` is a
    definition in $defs, then property names through nested objects."""
    return _max_lengths().get(where)


def _max_lengths() -> dict[tuple[str, ...], int | None]:
    global _CACHE
    if _CACHE is None:
        import json

        defs = json.loads(PROFILE360_SCHEMA.read_text(encoding="utf-8"))["$defs"]
        _CACHE = {}
        for name, node in defs.items():
            _walk(defs, node, (name,), _CACHE)
    return _CACHE


_CACHE: dict[tuple[str, ...], int | None] | None = None


def _walk(defs: dict, node: dict, where: tuple[str, ...], found: dict) -> None:
    if "$ref" in node and "properties" not in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        if target.get("type") == "string" and "format" not in target:
            found[where] = target.get("maxLength")
        return
    if (
        node.get("type") == "string" and "pattern" not in node and "format" not in node
    ):  # a pattern bounds its own length
        found[where] = node.get("maxLength")
    if "items" in node:  # an array's items are found at the array's own path
        _walk(defs, node["items"], where, found)
    for key, child in node.get("properties", {}).items():
        _walk(defs, child, (*where, key), found)
