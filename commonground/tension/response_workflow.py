"""A response action's statuses and the steps between them. Pure: no Django.

The owning agency moves an action between "not started" and "in progress", or cancels it; it is done
only by completing it, with evidence. Done and cancelled are final."""

from commonground.core.state_machine import Machine

OPEN, IN_PROGRESS, DONE, CANCELLED = "open", "in_progress", "done", "cancelled"

# A status update names the status it moves to; completing is a step of its own, with evidence.
COMPLETE = "complete"

MACHINE = Machine(
    name="response action",
    initial=OPEN,
    moves={
        OPEN: {IN_PROGRESS: IN_PROGRESS, CANCELLED: CANCELLED, COMPLETE: DONE},
        IN_PROGRESS: {OPEN: OPEN, CANCELLED: CANCELLED, COMPLETE: DONE},
        DONE: {},
        CANCELLED: {},
    },
    labels={OPEN: "Not started", IN_PROGRESS: "In progress", DONE: "Done", CANCELLED: "Cancelled"},
    refusals={COMPLETE: "This action is already closed"},
    refused_as="This action is closed and cannot change",
)
