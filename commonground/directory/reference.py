"""The directories' reference data: the languages a place can offer, and the audit checklist.

Languages: those most spoken in Greater Manchester after English (Census 2021 main language), so a
place can say which it offers; more can be added as reference data.

The audit checklist is this product's own starting list, written for the partnership and editable
by it: it is not a published national standard. Items are never deleted once used (old findings
name them); they are retired by setting `active` to false.

Loaded by the migration `0002_reference_data` (with the historical models) and by the demo (after a
test database is emptied), through `seed`, which adds only what is missing."""

LANGUAGES = [
    ("en", "English"),
    ("ur", "Urdu"),
    ("pa", "Punjabi"),
    ("bn", "Bengali"),
    ("pl", "Polish"),
    ("ar", "Arabic"),
    ("gu", "Gujarati"),
    ("so", "Somali"),
    ("ro", "Romanian"),
    ("yue", "Chinese (Cantonese)"),
    ("cmn", "Chinese (Mandarin)"),
    ("ku", "Kurdish"),
    ("fa", "Farsi"),
    ("ps", "Pashto"),
    ("ti", "Tigrinya"),
    ("fr", "French"),
    ("pt", "Portuguese"),
]

REPORTING_CENTRE = "reporting_centre"
MEETING_SPACE = "meeting_space"

CHECKLIST = [
    (
        REPORTING_CENTRE,
        "trained-staff",
        "A member of staff trained to take hate crime reports is on duty when open",
    ),
    (REPORTING_CENTRE, "private-space", "There is a private space to talk"),
    (
        REPORTING_CENTRE,
        "report-with-person",
        "Staff can make a report online or by phone with the person present",
    ),
    (REPORTING_CENTRE, "community-languages", "Information is available in community languages"),
    (
        REPORTING_CENTRE,
        "visible-signage",
        "Signage shows it is a reporting centre and can be seen from outside",
    ),
    (REPORTING_CENTRE, "hours-displayed", "Opening hours are displayed"),
    (REPORTING_CENTRE, "safeguarding-policy", "A safeguarding policy is in place"),
    (
        REPORTING_CENTRE,
        "pass-on-with-consent",
        "Staff know how to pass a report on to the police or a service, with the person's consent",
    ),
    (MEETING_SPACE, "capacity-as-stated", "The space holds the number of people stated"),
    (MEETING_SPACE, "step-free-entrance", "There is a step-free entrance"),
    (MEETING_SPACE, "accessible-toilet", "There is an accessible toilet"),
    (MEETING_SPACE, "hearing-loop", "There is a working hearing loop"),
    (MEETING_SPACE, "space-safeguarding-policy", "A safeguarding policy is in place"),
    (
        MEETING_SPACE,
        "booking-contact-and-cost",
        "There is a clear contact for booking, and the cost is stated",
    ),
    (
        MEETING_SPACE,
        "fire-safety-and-insurance",
        "Fire safety arrangements are in place and the venue holds public liability cover",
    ),
]


def seed(language_model, checklist_model) -> None:
    """Add the languages and checklist items that are missing; never change or remove one."""
    for position, (code, name) in enumerate(LANGUAGES, start=1):
        language_model.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    positions: dict[str, int] = {}
    for applies_to, key, text in CHECKLIST:
        positions[applies_to] = positions.get(applies_to, 0) + 1
        checklist_model.objects.get_or_create(
            key=key, defaults={"text": text, "applies_to": applies_to, "position": positions[applies_to]}
        )
