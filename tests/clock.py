"""Fixed instants for the tests whose outcome depends on the date (today, this week, a quarter,
a working day, a birthday), so they pass or fail the same whenever and in whatever order they run.

Mark a module with `pytestmark = [..., FROZEN]`; a test may move on with the `time_machine`
fixture. The clock still ticks from the instant (timeouts and durations behave), but every test
starts on the same day; tests that travel further (`time_machine.travel`) do so from there.

FROZEN is a fixture, not time-machine's own marker: that marker starts the clock before the
session's fixtures, so the places loaded once for the whole session would be recorded on the frozen
day, and a later test that removes audit events by age would find them old.
"""

from datetime import UTC, datetime

import pytest

# Mid-week, mid-morning in London (GMT in November): a working day, far from midnight, a week's
# ends, a month's ends and a quarter's ends, and after every fixed date the journeys type.
A_WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
# The last day of that week: "this week" is nearly over, and today is not a working day.
A_SUNDAY = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

FROZEN = pytest.mark.usefixtures("on_a_wednesday")


@pytest.fixture
def on_a_wednesday(time_machine):
    """The clock starts at A_WEDNESDAY (set up after the session's fixtures, as function fixtures are)."""
    time_machine.move_to(A_WEDNESDAY)
