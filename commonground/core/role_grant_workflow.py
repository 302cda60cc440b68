"""A request for a role that needs two administrators: its statuses and the steps between them.
Pure: no Django. A second administrator approves or declines a pending request, once: both are
final (asking again is a new request)."""

from commonground.core.state_machine import Machine

PENDING, APPROVED, DECLINED = "pending", "approved", "declined"
APPROVE, DECLINE = "approve", "decline"

MACHINE = Machine(
    name="role request",
    initial=PENDING,
    moves={PENDING: {APPROVE: APPROVED, DECLINE: DECLINED}, APPROVED: {}, DECLINED: {}},
    labels={PENDING: "Waiting for a second administrator", APPROVED: "Approved", DECLINED: "Declined"},
    refused_as="This request has already been decided.",
)
