"""Demo events for the #WeStandTogether calendar: about twenty over the coming two months across
the boroughs, ten that have taken place, one cancelled, and two funded by community grants. Every
organiser is clearly synthetic ("Demo …"). Loaded once: a second run finds them and adds nothing."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from commonground.calendar.actions import events as actions
from commonground.calendar.actions.events import EventDetails
from commonground.calendar.models import Event, EventKind
from commonground.core.models import Area, User

PROGRAMME_MANAGER = "programme"
SEED = 16
MARKER = "Demo #WeStandTogether launch picnic"

TITLES = {
    EventKind.COMMUNITY_GATHERING: ["Demo neighbours' street party", "Demo community clean-up and tea"],
    EventKind.FAITH_OPEN_DAY: [
        "Demo mosque open day",
        "Demo gurdwara langar and tour",
        "Demo church open doors",
    ],
    EventKind.ARTS_AND_CULTURE: ["Demo shared stories evening", "Demo community choir concert"],
    EventKind.SPORT: ["Demo five-a-side for all", "Demo park run and breakfast"],
    EventKind.FOOD_AND_SHARED_MEAL: ["Demo big iftar", "Demo world food market"],
    EventKind.YOUTH: ["Demo youth debate night", "Demo youth mural project"],
    EventKind.VIGIL_OR_REMEMBRANCE: ["Demo vigil for peace"],
    EventKind.TALK_OR_WORKSHOP: [
        "Demo talk: standing up to hate",
        "Demo workshop: being an active bystander",
    ],
    EventKind.OTHER: ["Demo family fun day"],
}


def load_demo() -> None:
    """Nothing to set up before the other capabilities' records."""


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _details(rng: random.Random, borough: Area, days: int, title: str | None = None) -> EventDetails:
    kind = rng.choice(list(TITLES))
    hour = rng.choice([10, 12, 14, 18])
    return EventDetails(
        title=title or f"{rng.choice(TITLES[kind])} in {borough.name}",
        kind=kind,
        starts_at=_at(days, hour),
        ends_at=_at(days, hour + rng.choice([2, 3])),
        venue_name=f"Demo {borough.name} Community Centre",
        address=f"{rng.randint(1, 99)} Demo Street, {borough.name}",
        borough=borough,
        organiser=rng.choice(
            [
                f"Demo {borough.name} Interfaith Forum",
                f"Demo {borough.name} Residents Network",
                "Demo Together Trust",
            ]
        ),
        description="[Demo] A synthetic event for trying out the calendar. Everyone is welcome.",
        accessibility="Step-free access and an accessible toilet.",
        is_free=rng.random() < 0.8,
        cost="£2, children free",
    )


def load_demo_records() -> None:
    manager = User.objects.filter(username=PROGRAMME_MANAGER).first()
    boroughs = list(Area.objects.boroughs().defer("boundary").order_by("code"))
    if manager is None or not boroughs or Event.objects.filter(title=MARKER).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not a secret)
    agreed = "The organiser agreed by email to the programme team"

    def publish(details: EventDetails) -> Event:
        event = actions.add_event(actor=manager, details=details)
        return actions.publish_event(actor=manager, event=event, organiser_agreed=True, consent_source=agreed)

    publish(_details(rng, boroughs[0], 2, title=MARKER))
    upcoming = [publish(_details(rng, boroughs[n % len(boroughs)], 3 + n * 3)) for n in range(17)]
    actions.cancel_event(actor=manager, event=upcoming[4])
    # A draft waiting for the organiser's agreement.
    actions.add_event(actor=manager, details=_details(rng, boroughs[1 % len(boroughs)], 25))
    for number, borough in enumerate(boroughs[:2]):
        details = _details(rng, borough, 20 + number * 14)
        actions.publish_funded_event(
            actor=manager,
            title=f"Demo funded: {details.title}",
            description=details.description,
            kind=details.kind,
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            venue=details.venue_name,
            address=details.address,
            postcode="",
            borough=borough,
            organiser=details.organiser,
            source_reference=f"DEMO-GRANT-{number + 1:04}",
            consent_source="The group agreed on their grant application",
        )
    # Events that have taken place: published ahead of time, then moved to the dates they ran,
    # as the rules refuse a new event that starts in the past.
    for number in range(10):
        event = publish(_details(rng, boroughs[number % len(boroughs)], 1))
        days_ago = 4 + number * 6
        hours = event.ends_at - event.starts_at
        starts = _at(-days_ago, timezone.localtime(event.starts_at).hour)
        Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + hours)
