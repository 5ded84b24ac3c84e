"""scipy's assignment solver, loaded on its own.

`linear_sum_assignment` is one compiled function in scipy's extension module
`scipy/optimize/_lsap`, which needs numpy and nothing else of scipy. Importing
it the ordinary way runs all of `scipy.optimize` (sparse matrices, linear
algebra, special functions: about a third of a second, and 70 MB in the
built bundle, which therefore carries only this one file of scipy). Should a
scipy release move the function, the ordinary import is used instead."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from typing import Any

MODULE = "_lsap"


def linear_sum_assignment(cost: Any) -> tuple[Any, Any]:
    """Row and column indices of the least-cost assignment (scipy's own)."""
    return _solver()(cost)


@cache
def _solver() -> Callable[[Any], tuple[Any, Any]]:
    found = extension_file()
    if found is not None:
        loader = ExtensionFileLoader(MODULE, str(found))
        spec = spec_from_file_location(MODULE, found, loader=loader)
        if spec is not None:
            module = module_from_spec(spec)
            loader.exec_module(module)
            alone = getattr(module, "linear_sum_assignment", None)
            if alone is not None:
                return alone
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment


def extension_file() -> Path | None:
    """scipy/optimize/_lsap.<suffix> on the import path (the bundle's folder included)."""
    for entry in sys.path:
        folder = Path(entry or ".") / "scipy" / "optimize"
        for suffix in EXTENSION_SUFFIXES:
            candidate = folder / f"{MODULE}{suffix}"
            if candidate.is_file():
                return candidate
    return None
