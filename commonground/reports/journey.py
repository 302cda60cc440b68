"""The three public journeys as sequences of question pages.

Answers are kept in the session as what the person typed (so going back shows it again) and are
checked again, all together, before anything is stored. The check-answers page carries the answers
signed (tamper-proof) in the form it posts, so sending works, and can be retried, even when the
session cannot be read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from commonground.reports.actions.submission import ReportAnswers
from commonground.reports.forms import public as f
from commonground.reports.models import ReportKind, WorryRoute

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Answers = dict[str, dict[str, object]]  # step slug → the posted values of that step's fields


def _online(answers: Answers) -> bool:
    return answers.get("where", {}).get("where") == "online"


def _in_place(answers: Answers) -> bool:
    return answers.get("where", {}).get("where") == "place"


def _call_back(answers: Answers) -> bool:
    return answers.get("choice", {}).get("worry_route") == WorryRoute.CALL_BACK


def _share_details(answers: Answers) -> bool:
    return answers.get("choice", {}).get("worry_route") == WorryRoute.SHARE_DETAILS


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[forms.Form]
    applies: Callable[[Answers], bool] = lambda answers: True
    check_label: "StrOrPromise" = ""  # the row label on the check-answers page
    max_files: int = 0  # a step that takes files (kept as files, checked when uploaded)


@dataclass(frozen=True)
class Journey:
    slug: str
    kind: str
    title: "StrOrPromise"
    steps: list[Step] = field(default_factory=list)

    def step(self, slug: str) -> Step | None:
        return next((s for s in self.steps if s.slug == slug), None)

    def applicable_steps(self, answers: Answers) -> list[Step]:
        return [s for s in self.steps if s.applies(answers)]

    def next_step(self, current: str, answers: Answers) -> Step | None:
        steps = self.applicable_steps(answers)
        slugs = [s.slug for s in steps]
        index = slugs.index(current) if current in slugs else -1
        return steps[index + 1] if index + 1 < len(steps) else None

    def previous_step(self, current: str, answers: Answers) -> Step | None:
        steps = self.applicable_steps(answers)
        slugs = [s.slug for s in steps]
        index = slugs.index(current) if current in slugs else len(steps)
        return steps[index - 1] if index > 0 else None

    def validated(self, answers: Answers) -> tuple[dict, Step | None]:
        """All cleaned answers, or the first step whose answer is missing or no longer valid."""
        cleaned: dict = {}
        for step in self.applicable_steps(answers):
            if step.max_files:
                continue  # kept as files, checked when uploaded
            form = step.form_class(data=answers.get(step.slug) or {})
            if step.slug not in answers or not form.is_valid():
                return cleaned, step
            cleaned.update(form.cleaned_data)
        return cleaned, None


PLACE_STEPS = [
    Step("where", f.WhereTypeForm, check_label=_("Where")),
    Step("place", f.PlaceForm, applies=_in_place, check_label=_("Place")),
    Step("online", f.OnlineForm, applies=_online, check_label=_("Online")),
]

JOURNEYS: dict[str, Journey] = {
    "hate-incident": Journey(
        slug="hate-incident",
        kind=ReportKind.HATE_INCIDENT,
        title=_("Report a hate incident"),
        steps=[
            Step("who", f.ReporterRoleForm, check_label=_("Who it happened to")),
            Step("what", f.DescriptionForm, check_label=_("What happened")),
            Step("evidence", f.EvidenceForm, check_label=_("Photos, screenshots or documents"), max_files=5),
            Step("when", f.WhenForm, check_label=_("When")),
            *PLACE_STEPS,
            Step("why", f.StrandsForm, check_label=_("Why you think it happened")),
            Step("police", f.PoliceForm, check_label=_("Told the police")),
            Step("support", f.SupportForm, check_label=_("Support")),
            Step("share", f.ShareForm, check_label=_("Who we may share it with")),
            Step("contact", f.ContactForm, check_label=_("Your contact details")),
        ],
    ),
    "community-tension": Journey(
        slug="community-tension",
        kind=ReportKind.COMMUNITY_TENSION,
        title=_("Report tension in your community"),
        steps=[
            Step("category", f.TensionCategoryForm, check_label=_("What it is about")),
            Step("what", f.TensionDescriptionForm, check_label=_("What you saw or heard")),
            Step("when", f.WhenForm, check_label=_("When")),
            *PLACE_STEPS,
            Step("photos", f.PhotosForm, check_label=_("Photos"), max_files=3),
            Step("contact", f.ContactForm, check_label=_("Your contact details")),
        ],
    ),
    "worried-about-someone": Journey(
        slug="worried-about-someone",
        kind=ReportKind.WORRY,
        title=_("Get advice if you are worried about someone"),
        steps=[
            Step("choice", f.WorryRouteForm, check_label=_("What you would like")),
            Step("person", f.PersonForm, applies=_share_details, check_label=_("Who you are worried about")),
            Step("concern", f.ConcernForm, check_label=_("What has worried you")),
            Step("area", f.WorryAreaForm, check_label=_("Area")),
            Step(
                "call-back", f.CallBackContactForm, applies=_call_back, check_label=_("Your contact details")
            ),
            Step("contact", f.ContactForm, applies=_share_details, check_label=_("Your contact details")),
        ],
    ),
}


def to_report_answers(journey: Journey, cleaned: dict) -> ReportAnswers:
    where_online = cleaned.get("where") == "online"
    wants_support = cleaned.get("wants_support")
    return ReportAnswers(
        kind=journey.kind,
        description=cleaned.get("description", ""),
        borough_code=cleaned.get("borough", "") if not where_online else "",
        postcode=cleaned.get("postcode", "") if not where_online else "",
        street=cleaned.get("street", "") if not where_online else "",
        is_online=where_online,
        online_platform=cleaned.get("online_platform", "") if where_online else "",
        online_link=cleaned.get("online_link", "") if where_online else "",
        happened_on=cleaned.get("happened_on"),
        reporter_role=cleaned.get("reporter_role", ""),
        strand_codes=list(cleaned.get("strand_codes", [])),
        reported_to_police=cleaned.get("reported_to_police", ""),
        wants_support=None if wants_support in (None, "") else wants_support == "yes",
        tension_category=cleaned.get("tension_category", ""),
        worry_route=cleaned.get("worry_route", ""),
        person_of_concern=cleaned.get("person_of_concern", ""),
        contact_name=cleaned.get("contact_name", ""),
        contact_email=cleaned.get("contact_email", ""),
        contact_phone=cleaned.get("contact_phone", ""),
        share_with=list(cleaned.get("share_with", [])),
        urgent=False,
    )


# --- Keeping answers -------------------------------------------------------------------------------

SIGNING_SALT = "commonground.reports.journey-answers"


def sign_answers(journey: Journey, answers: Answers, submission_key: str, photos: list[str]) -> str:
    return signing.dumps(
        {"journey": journey.slug, "answers": answers, "key": submission_key, "photos": photos},
        salt=SIGNING_SALT,
        compress=True,
    )


def unsign_answers(value: str) -> dict | None:
    try:
        return signing.loads(value, salt=SIGNING_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return None


def posted_values(form_class: type[forms.Form], data) -> dict[str, object]:
    """The values of a step's fields as posted (lists for multiple choices), to keep in the session."""
    values: dict[str, object] = {}
    for name, form_field in form_class.base_fields.items():
        if isinstance(form_field, forms.FileField):
            continue
        if isinstance(form_field, forms.MultipleChoiceField):
            values[name] = data.getlist(name)
        else:
            values[name] = data.get(name, "")
    return values
