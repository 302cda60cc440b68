"""How the finder's entries read to the public, in their language: kinds, hours, distances,
accessibility, language names, and the map of a search."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from commonground.core.charts import Chart, MapArea
from commonground.core.models import Area
from commonground.directory.distance import KM_PER_MILE, Point, miles_in_words
from commonground.directory.finder_map import Headings, Marker, finder_map
from commonground.directory.models import DirectoryEntry, EntryKind
from commonground.directory.opening_hours import Hours, Words, is_open, week_rows
from commonground.directory.queries.finder import Shown


@dataclass(frozen=True)
class Finder:
    slug: str
    kind: str
    title: object  # lazily translated
    plural: object
    intro: object


FINDERS = {
    "reporting-centres": Finder(
        slug="reporting-centres",
        kind=EntryKind.REPORTING_CENTRE,
        title=gettext_lazy("Find a hate crime reporting centre"),
        plural=gettext_lazy("Hate crime reporting centres"),
        intro=gettext_lazy(
            "Reporting centres are places where trained staff can help you report a hate incident "
            "or hate crime, in private. You do not need to make an appointment."
        ),
    ),
    "meeting-spaces": Finder(
        slug="meeting-spaces",
        kind=EntryKind.MEETING_SPACE,
        title=gettext_lazy("Find a community meeting space"),
        plural=gettext_lazy("Community meeting spaces"),
        intro=gettext_lazy("Rooms and halls that community groups can use, checked by the partnership."),
    ),
}
SLUG_OF_KIND = {finder.kind: slug for slug, finder in FINDERS.items()}

# The languages seeded as reference data, marked so that their names are translated.
LANGUAGE_NAMES = [
    gettext_noop("English"),
    gettext_noop("Urdu"),
    gettext_noop("Punjabi"),
    gettext_noop("Bengali"),
    gettext_noop("Polish"),
    gettext_noop("Arabic"),
    gettext_noop("Gujarati"),
    gettext_noop("Somali"),
    gettext_noop("Romanian"),
    gettext_noop("Chinese (Cantonese)"),
    gettext_noop("Chinese (Mandarin)"),
    gettext_noop("Kurdish"),
    gettext_noop("Farsi"),
    gettext_noop("Pashto"),
    gettext_noop("Tigrinya"),
    gettext_noop("French"),
    gettext_noop("Portuguese"),
]

ACCESSIBILITY = [
    ("step_free_access", gettext_lazy("Step-free access")),
    ("hearing_loop", gettext_lazy("Hearing loop")),
    ("accessible_toilet", gettext_lazy("Accessible toilet")),
    ("quiet_room", gettext_lazy("Quiet room")),
    ("british_sign_language", gettext_lazy("Staff who use British Sign Language")),
]


def words() -> Words:
    return Words(
        to=_("to"),
        and_=_("and"),
        closed=_("Closed"),
        midday=_("midday"),
        midnight=_("midnight"),
        days=(
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ),
    )


def hours_of(entry: DirectoryEntry) -> list[Hours]:
    return [Hours(h.weekday, h.opens_at, h.closes_at) for h in entry.opening_hours.all()]


def distance_words(km: float | None) -> str:
    if km is None:
        return ""
    return _("%(miles)s miles away") % {"miles": miles_in_words(km / KM_PER_MILE)}


def accessibility_of(entry: DirectoryEntry) -> list[str]:
    return [str(label) for name, label in ACCESSIBILITY if getattr(entry, name)]


def language_names(entry: DirectoryEntry) -> list[str]:
    return [_(language.name) for language in entry.languages.all()]


def entry_url(entry: DirectoryEntry) -> str:
    return reverse("directory:entry", kwargs={"finder": SLUG_OF_KIND[entry.kind], "entry_id": entry.pk})


@dataclass(frozen=True)
class Result:
    number: int
    entry: DirectoryEntry
    url: str
    distance: str
    open_now: bool
    languages: list[str]
    accessibility: list[str]


def results(shown: list[Shown], moment) -> list[Result]:
    return [
        Result(
            number=number,
            entry=item.entry,
            url=entry_url(item.entry),
            distance=distance_words(item.km),
            open_now=is_open(hours_of(item.entry), moment),
            languages=language_names(item.entry),
            accessibility=accessibility_of(item.entry),
        )
        for number, item in enumerate(shown, start=1)
    ]


def entry_page(entry: DirectoryEntry, moment) -> dict:
    hours = hours_of(entry)
    return {
        "week": week_rows(hours, words()),
        "open_now": is_open(hours, moment),
        "languages": language_names(entry),
        "accessibility": accessibility_of(entry),
    }


def results_map(
    boroughs: list[Area], found: list[Result], *, point: Point | None, postcode: str, borough_code: str
) -> Chart:
    areas = [
        MapArea(code=b.code, name=b.name, geometry=b.boundary, category_key=None)
        for b in boroughs
        if b.boundary and b.boundary.get("type") in ("Polygon", "MultiPolygon")
    ]
    markers = [
        Marker(
            number=result.number,
            name=result.entry.name,
            latitude=result.entry.latitude,
            longitude=result.entry.longitude,
            said=result.distance or (result.entry.borough.name if result.entry.borough else ""),
            href=result.url,
        )
        for result in found
        if result.entry.latitude is not None and result.entry.longitude is not None
    ]
    if point is not None:
        title = _("Map of the places nearest to %(postcode)s") % {"postcode": postcode}
    else:
        title = _("Map of the places found")
    return finder_map(
        areas,
        markers,
        title=title,
        desc=_(
            "Each numbered marker is the place with that number in the list. A cross marks your postcode."
        ),
        searched_at=(point.latitude, point.longitude) if point is not None else None,
        chosen_borough=borough_code or None,
        headings=Headings(
            number=_("Number"), name=_("Place"), said=_("Distance or borough"), you=_("Your postcode")
        ),
        chart_id="finder-map",
    )
