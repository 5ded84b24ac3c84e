"""The meeting world and an allocated family, for the races."""

from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)
