"""A panel pack prepared by the worker: its statuses and the moves between them. Pure: no Django.
A pack is asked for (preparing); the worker makes it ready, or marks it failed when its reader may
no longer produce it. Both are final: a pack asked for again is a new pack."""

from commonground.core.state_machine import Machine

PREPARING, READY, FAILED = "preparing", "ready", "failed"
RENDERED, REFUSED = "rendered", "refused"

MACHINE = Machine(
    name="panel pack",
    initial=PREPARING,
    moves={PREPARING: {RENDERED: READY, REFUSED: FAILED}, READY: {}, FAILED: {}},
    labels={PREPARING: "Being prepared", READY: "Ready", FAILED: "Could not be prepared"},
    refused_as="This panel pack is {state}: it is not being prepared any more",
)
