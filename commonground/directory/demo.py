"""The directories' demo records (`manage.py load_demo`), clearly synthetic: 12 reporting centres and
12 meeting spaces across the ten boroughs, at postcodes of the shipped sample, with opening hours
(some days split, some closed), languages, accessibility and audits. Most meet the standard; one
meets it with an open action; one does not meet it (so is hidden from the public); one is overdue
for audit; one has never been audited. Idempotent: an entry already there is left as it is."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonground.core.models import Postcode, User
from commonground.directory import reference
from commonground.directory.actions.audits import ActionAgreed, Finding, checklist_for, record_audit
from commonground.directory.actions.entries import EntryDetails, HoursRange, add_entry
from commonground.directory.models import AuditChecklistItem, AuditResult, DirectoryEntry, EntryKind, Language

CENTRE = EntryKind.REPORTING_CENTRE
SPACE = EntryKind.MEETING_SPACE

# The demo's audit history, per entry.
MEETS = "meets"
WITH_ACTIONS = "with_actions"
DOES_NOT_MEET = "does_not_meet"
OVERDUE = "overdue"
NEVER = "never"

WEEKDAYS_9_TO_5 = [(day, "09:00", "17:00") for day in range(5)]
SPLIT_WEEKDAYS = [(day, "09:30", "12:30") for day in range(5)] + [(day, "13:30", "16:30") for day in range(4)]
EVENINGS = [(1, "18:00", "21:00"), (3, "18:00", "21:00"), (5, "10:00", "14:00")]
COMMUNITY_HOURS = [(0, "10:00", "16:00"), (2, "10:00", "16:00"), (4, "10:00", "13:00"), (5, "10:00", "12:00")]
LONG_DAYS = [(day, "08:00", "22:00") for day in range(6)] + [(6, "10:00", "16:00")]


@dataclass(frozen=True)
class DemoEntry:
    kind: str
    organisation: str
    place: str
    address: str
    postcode: str
    hours: list[tuple[int, str, str]]
    languages: tuple[str, ...]
    history: str = MEETS
    access: frozenset[str] = field(default_factory=frozenset)
    capacity: int | None = None
    cost: str | None = None
    cost_note: str = ""
    description: str = ""


STEP_FREE = frozenset({"step_free_access", "accessible_toilet"})
FULL = frozenset({"step_free_access", "hearing_loop", "accessible_toilet", "quiet_room"})

ENTRIES = [
    # Reporting centres
    DemoEntry(CENTRE, "Demo Breightmet Advice Centre", "", "12 Demo Street\nBreightmet\nBolton", "BL2 6PN",
              SPLIT_WEEKDAYS, ("en", "ur", "pa", "gu"), access=FULL),
    DemoEntry(CENTRE, "Demo Radcliffe Library", "Ground floor", "1 Demo Row\nRadcliffe\nBury", "BL2 6QB",
              WEEKDAYS_9_TO_5, ("en", "pl"), access=STEP_FREE),
    DemoEntry(CENTRE, "Demo Openshaw Community Law Centre", "", "3 Demo Lane\nOpenshaw\nManchester", "M11 2BA",
              WEEKDAYS_9_TO_5, ("en", "ar", "so", "ti", "fr"), access=FULL | {"british_sign_language"},
              history=WITH_ACTIONS),
    DemoEntry(CENTRE, "Demo Shaw Citizens' Help Desk", "", "5 Demo Parade\nShaw\nOldham", "OL2 8AG",
              COMMUNITY_HOURS, ("en", "bn", "ur"), access=STEP_FREE),
    DemoEntry(CENTRE, "Demo Deeplish Community Centre", "Reporting room", "7 Demo Road\nDeeplish\nRochdale",
              "OL11 3PY", SPLIT_WEEKDAYS, ("en", "ur", "pa", "ps"), access=FULL, history=DOES_NOT_MEET),
    DemoEntry(CENTRE, "Demo Eccles Housing Association", "Front office", "9 Demo Street\nEccles\nSalford",
              "M30 9FH", WEEKDAYS_9_TO_5, ("en", "ro", "pl"), access=STEP_FREE),
    DemoEntry(CENTRE, "Demo Reddish Victim Support Point", "", "11 Demo Road\nReddish\nStockport", "SK5 6XA",
              EVENINGS, ("en", "cmn", "yue"), access=FULL, history=OVERDUE),
    DemoEntry(CENTRE, "Demo Ashton Youth Hub", "", "13 Demo Walk\nAshton-under-Lyne\nTameside", "OL6 6RH",
              EVENINGS, ("en", "bn"), access=STEP_FREE),
    DemoEntry(CENTRE, "Demo Sale Moor Interfaith Forum", "", "15 Demo Avenue\nSale\nTrafford", "M33 2NG",
              COMMUNITY_HOURS, ("en", "ur", "fa", "ku"), access=FULL),
    DemoEntry(CENTRE, "Demo Wigan Central Students' Union", "Welfare office", "17 Demo Street\nWigan", "WN1 9PU",
              WEEKDAYS_9_TO_5, ("en", "pt", "ro"), access=STEP_FREE, history=NEVER),
    DemoEntry(CENTRE, "Demo Bolton Disability Forum", "", "19 Demo Street\nBreightmet\nBolton", "BL2 6PP",
              SPLIT_WEEKDAYS, ("en",), access=FULL | {"british_sign_language"}),
    DemoEntry(CENTRE, "Demo Clayton Mosque Association", "Community room", "21 Demo Road\nClayton\nManchester",
              "M11 2BG", COMMUNITY_HOURS, ("en", "ur", "ar", "bn", "so"), access=STEP_FREE),
    # Meeting spaces
    DemoEntry(SPACE, "Demo Breightmet Community Hall", "Main hall", "23 Demo Street\nBreightmet\nBolton",
              "BL2 6PQ", LONG_DAYS, ("en",), access=FULL, capacity=120, cost="25.00",
              cost_note="Half price for community groups"),
    DemoEntry(SPACE, "Demo Ainsworth Methodist Church", "Church hall", "25 Demo Lane\nAinsworth\nBury", "BL2 6QD",
              COMMUNITY_HOURS, ("en",), access=STEP_FREE, capacity=60, cost="12.50"),
    DemoEntry(SPACE, "Demo Openshaw Youth Centre", "Activity room", "27 Demo Street\nOpenshaw\nManchester",
              "M11 2BU", EVENINGS, ("en", "so", "ar"), access=FULL, capacity=35, cost=None,
              cost_note="Free to groups working on community cohesion"),
    DemoEntry(SPACE, "Demo Shaw Library", "Meeting room", "29 Demo Parade\nShaw\nOldham", "OL2 8AJ",
              WEEKDAYS_9_TO_5, ("en", "bn"), access=FULL | {"british_sign_language"}, capacity=20, cost="10.00"),
    DemoEntry(SPACE, "Demo Milkstone Gurdwara", "Langar hall", "31 Demo Road\nMilkstone\nRochdale", "OL11 3QB",
              LONG_DAYS, ("en", "pa", "ur"), access=STEP_FREE, capacity=200, cost=None,
              cost_note="Free; please ask in advance"),
    DemoEntry(SPACE, "Demo Eccles Town Hall", "Council chamber", "33 Demo Square\nEccles\nSalford", "M30 9FJ",
              WEEKDAYS_9_TO_5, ("en",), access=FULL, capacity=80, cost="40.00"),
    DemoEntry(SPACE, "Demo Reddish Vale Scout Hut", "", "35 Demo Lane\nReddish\nStockport", "SK5 6XE",
              EVENINGS, ("en",), access=frozenset(), capacity=30, cost="8.00"),
    DemoEntry(SPACE, "Demo Ashton Polish Club", "Function room", "37 Demo Road\nAshton-under-Lyne\nTameside",
              "OL6 6RL", EVENINGS, ("en", "pl"), access=STEP_FREE, capacity=90, cost="20.00"),
    DemoEntry(SPACE, "Demo Sale Central Library", "Studio", "39 Demo Street\nSale\nTrafford", "M33 2NL",
              SPLIT_WEEKDAYS, ("en", "fa"), access=FULL, capacity=40, cost="15.00"),
    DemoEntry(SPACE, "Demo Wigan Pier Arts Centre", "Studio two", "41 Demo Wharf\nWigan", "WN1 9SA",
              LONG_DAYS, ("en", "pt"), access=FULL, capacity=50, cost="18.00"),
    DemoEntry(SPACE, "Demo Orrell Community Pavilion", "", "43 Demo Road\nOrrell\nWigan", "WN5 8RH",
              COMMUNITY_HOURS, ("en",), access=STEP_FREE, capacity=45, cost=None,
              cost_note="Ask the caretaker"),
    DemoEntry(SPACE, "Demo Rochdale Bangladeshi Welfare Centre", "Hall", "45 Demo Road\nDeeplish\nRochdale",
              "OL11 3QF", SPLIT_WEEKDAYS, ("en", "bn"), access=FULL, capacity=70, cost="10.00"),
]  # fmt: skip


def _hours(rows: list[tuple[int, str, str]]) -> tuple[HoursRange, ...]:
    def at(text: str) -> time:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))

    return tuple(
        HoursRange(weekday=day, opens_at=at(opens), closes_at=at(closes)) for day, opens, closes in rows
    )


def _details(demo: DemoEntry, languages: dict[str, Language]) -> EntryDetails:
    return EntryDetails(
        kind=demo.kind,
        organisation_name=demo.organisation,
        place_name=demo.place,
        description=demo.description
        or (
            "Trained staff take reports of hate incidents and crimes, and support you to report."
            if demo.kind == CENTRE
            else "A room for community groups to meet, bookable by the hour."
        ),
        address_lines=demo.address,
        postcode=demo.postcode,
        phone="0161 496 0000",
        email="hello@demo.commonground.invalid",
        languages=tuple(languages[code] for code in demo.languages if code in languages),
        opening_hours=_hours(demo.hours),
        opening_hours_note="Closed on bank holidays",
        capacity=demo.capacity,
        cost_per_hour=Decimal(demo.cost) if demo.cost else None,
        cost_note=demo.cost_note,
        step_free_access="step_free_access" in demo.access,
        hearing_loop="hearing_loop" in demo.access,
        accessible_toilet="accessible_toilet" in demo.access,
        quiet_room="quiet_room" in demo.access,
        british_sign_language="british_sign_language" in demo.access,
    )


def _audit(actor: User, entry: DirectoryEntry, history: str, today: date) -> None:
    if history == NEVER:
        return
    items = list(checklist_for(entry.kind))
    period = settings.DIRECTORY_AUDIT_PERIOD_DAYS
    if history == OVERDUE:
        audited_on, result = today - timedelta(days=period + 40), AuditResult.MEETS
    elif history == DOES_NOT_MEET:
        audited_on, result = today - timedelta(days=20), AuditResult.DOES_NOT_MEET
    elif history == WITH_ACTIONS:
        audited_on, result = today - timedelta(days=30), AuditResult.MEETS_WITH_ACTIONS
    else:
        audited_on, result = today - timedelta(days=60 + entry.pk % 200), AuditResult.MEETS
    unmet = {items[1].key} if history == DOES_NOT_MEET and len(items) > 1 else set()
    if history == WITH_ACTIONS and items:
        unmet = {items[3].key if len(items) > 3 else items[0].key}
    record_audit(
        actor=actor,
        entry=entry,
        audited_on=audited_on,
        result=result,
        summary={
            DOES_NOT_MEET: "No private space to talk: reports were taken at the front desk.",
            WITH_ACTIONS: "Good overall; leaflets in community languages had run out.",
        }.get(history, "Everything on the checklist was in place."),
        findings=[Finding(item=item, met=item.key not in unmet) for item in items],
        actions=(
            [ActionAgreed("Restock leaflets in community languages", due_on=today + timedelta(days=30))]
            if history == WITH_ACTIONS
            else []
        ),
    )


def _ensure_postcodes() -> None:
    wanted = {demo.postcode for demo in ENTRIES}
    if Postcode.objects.filter(postcode__in=wanted).count() < len(wanted):
        from commonground.core.actions.places import import_postcodes

        import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")


def load_demo() -> None:
    """The languages and checklist, in case the database was emptied since its migration ran."""
    reference.seed(Language, AuditChecklistItem)


@transaction.atomic
def load_demo_records() -> None:
    actor = User.objects.filter(username="programme").first()
    if actor is None:
        return
    _ensure_postcodes()
    languages = {language.code: language for language in Language.objects.all()}
    today = timezone.localdate()
    for demo in ENTRIES:
        if DirectoryEntry.objects.filter(
            organisation_name=demo.organisation, postcode=demo.postcode
        ).exists():
            continue
        entry = add_entry(actor=actor, details=_details(demo, languages))
        _audit(actor, entry, demo.history, today)
