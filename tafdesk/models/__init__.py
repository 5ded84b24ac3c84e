"""The domain model (SQLAlchemy 2 typed ORM). Import models from here.

The enumerations are plain Python and load at once. The mapped classes load
together on first use (PEP 562 module __getattr__): mapping them all costs a
good part of a second on a slow machine, which start-up need not spend before
the window is up.
"""

from tafdesk.models.enums import *  # noqa: F403


def __getattr__(name: str) -> object:
    import importlib

    _all = importlib.import_module("tafdesk.models._all")
    try:
        value = getattr(_all, name)
    except AttributeError:
        raise AttributeError(f"module 'tafdesk.models' has no attribute {name!r}") from None
    globals()[name] = value
    return value
