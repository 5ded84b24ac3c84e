"""Every module of tafdesk imports: a name moved or removed elsewhere shows up
here, not in front of a user (imports inside functions are not checked)."""

import importlib
import pkgutil

import pytest

import tafdesk

MODULES = sorted(m.name for m in pkgutil.walk_packages(tafdesk.__path__, "tafdesk.") if ".migrations" not in m.name)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_imports(name):
    importlib.import_module(name)
