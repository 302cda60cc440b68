"""The statuses of an event on the #WeStandTogether calendar and the moves between them, in the
shape of core/state_machine.py. Pure: no Django.

A draft is seen by staff only; publishing puts it on the public calendar and its feeds (the
action first checks the organiser's consent is recorded); cancelling keeps it in the feeds as
STATUS:CANCELLED so that subscribers' calendars drop it. Cancelled is final."""

from commonground.core.state_machine import Machine

DRAFT, PUBLISHED, CANCELLED = "draft", "published", "cancelled"
INITIAL = DRAFT

MACHINE = Machine(
    name="event",
    initial=INITIAL,
    moves={
        DRAFT: {"publish": PUBLISHED, "cancel": CANCELLED},
        PUBLISHED: {"cancel": CANCELLED},
        CANCELLED: {},
    },
    labels={DRAFT: "Draft", PUBLISHED: "Published", CANCELLED: "Cancelled"},
    refusals={
        "publish": "This event is {state}: only a draft can be published",
        "cancel": "This event is already {state}",
    },
    refused_as="An event that is {state} cannot do that now",
)
