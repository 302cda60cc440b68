"""The statuses of the programme's other records and the moves between them, one table each in the
shape of core/state_machine.py. Pure: no Django. Each model's choices match its table (checked by
tests/architecture/test_statuses_move_through_machines.py); steps are named by the status they
lead to, as the pages offer the next status itself."""

from commonground.core.state_machine import Machine, to_any_of

# An action plan is drafted, then worked; closing it ends the period's plan.
PLAN = Machine(
    name="action plan",
    refused_as="An action plan that is {state} cannot do that now",
    initial="draft",
    moves=to_any_of({"draft": {"active"}, "active": {"closed"}, "closed": set()}),
    labels={"draft": "Draft", "active": "In progress", "closed": "Closed"},
)

# A plan's action is worked on and back; done and cancelled are final.
PLAN_ACTION = Machine(
    name="plan action",
    initial="not_started",
    moves=to_any_of(
        {
            "not_started": {"in_progress", "done", "cancelled"},
            "in_progress": {"not_started", "done", "cancelled"},
            "done": set(),
            "cancelled": set(),
        }
    ),
    labels={
        "not_started": "Not started",
        "in_progress": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
    },
)

# A project risk is open until it is closed.
RISK = Machine(
    name="risk",
    initial="open",
    moves=to_any_of({"open": {"closed"}, "closed": set()}),
    labels={"open": "Open", "closed": "Closed"},
)

# A place on a training session: booked, then attended (and completed) or missed.
ATTENDANCE = Machine(
    name="place on a session",
    initial="booked",
    moves=to_any_of(
        {
            "booked": {"attended", "completed", "absent"},
            "attended": {"completed"},
            "completed": set(),
            "absent": set(),
        }
    ),
    labels={
        "booked": "Booked",
        "attended": "Attended, not completed",
        "completed": "Completed",
        "absent": "Did not attend",
    },
)

# A briefing is drafted, then sent to its audience once.
BRIEFING = Machine(
    name="briefing",
    initial="draft",
    moves=to_any_of({"draft": {"sent"}, "sent": set()}),
    labels={"draft": "Draft", "sent": "Sent"},
)
