"""A family allocated to Tomas (lead, Education Welfare) with Ruth (Family
Support) supporting, as for notes and plans."""

from __future__ import annotations

from tests.notes.conftest import CLERK, outsider, supporter  # noqa: F401 (fixtures)
from tests.plans.conftest import AT_MEETING, CHAIR, NOW, allocated, lead, world  # noqa: F401 (fixtures)
