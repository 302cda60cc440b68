"""An intervention's statuses (one piece of support in an adopted case's plan) and the moves between
them. Pure: no Django.

The coordinator moves it between planned and under way, and ends it as completed or stopped; both are
final. When support for the case ends, every planned or under-way intervention is stopped."""

from commonground.core.state_machine import Machine, to_any_of

PLANNED, ACTIVE, COMPLETED, STOPPED = "planned", "active", "completed", "stopped"

# The plan page offers the next status itself, so each step is named by the status it leads to.
MACHINE = Machine(
    name="intervention",
    initial=PLANNED,
    moves=to_any_of(
        {
            PLANNED: (ACTIVE, COMPLETED, STOPPED),
            ACTIVE: (PLANNED, COMPLETED, STOPPED),
            COMPLETED: (),
            STOPPED: (),
        }
    ),
    labels={PLANNED: "Planned", ACTIVE: "Under way", COMPLETED: "Completed", STOPPED: "Stopped"},
    refused_as="This support is {state}: it cannot change again",
)
OPEN = tuple(state for state in MACHINE.states if state not in MACHINE.final)
