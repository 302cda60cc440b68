"""The statuses of a subject access request and the moves between them, in the shape of
core/state_machine.py. Pure: no Django.

A request is open from the day it arrives until the officer marks it answered (after the
disclosure, and any erasure asked for) or withdrawn by the person; both are final."""

from commonground.core.state_machine import Machine

OPEN, ANSWERED, WITHDRAWN = "open", "answered", "withdrawn"
INITIAL = OPEN

MACHINE = Machine(
    name="subject access request",
    initial=INITIAL,
    moves={
        OPEN: {"answer": ANSWERED, "withdraw": WITHDRAWN},
        ANSWERED: {},
        WITHDRAWN: {},
    },
    labels={OPEN: "Open", ANSWERED: "Answered", WITHDRAWN: "Withdrawn"},
    refusals={
        "answer": "This request is already {state}",
        "withdraw": "This request is already {state}",
    },
    refused_as="A request that is {state} cannot change now",
)
