"""The application as a sequence of question pages, as the report line's journeys are.

What the person typed is kept as typed, step by step, in the application's `draft_answers` (so
going back, or signing in again another day, shows it again) and is checked again, all together,
before anything is sent. The check-answers page carries the answers signed in the form it posts, so
what is sent is what the person saw."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from commonground.grants.forms import public_application as f
from commonground.grants.models import GrantRound

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Answers = dict[str, dict[str, object]]  # step slug → the posted values of that step's fields


def _has_questions(grant_round: GrantRound) -> bool:
    return grant_round.questions.exists()


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[f.StepForm]
    title: "StrOrPromise"  # the page's heading, and its row label on the check-answers page
    applies: Callable[[GrantRound], bool] = lambda grant_round: True


STEPS = [
    Step("organisation", f.OrganisationForm, _("Your organisation")),
    Step("address", f.AddressForm, _("Your organisation's address")),
    Step("event", f.EventForm, _("The event")),
    Step("when-and-where", f.EventTimesForm, _("When and where")),
    Step("people", f.PeopleForm, _("Who it brings together")),
    Step("questions", f.RoundQuestionsForm, _("This round's questions"), applies=_has_questions),
    Step("budget", f.BudgetForm, _("Budget")),
    Step("declarations", f.DeclarationsForm, _("Declarations")),
]


def steps_for(grant_round: GrantRound) -> list[Step]:
    return [step for step in STEPS if step.applies(grant_round)]


def step(grant_round: GrantRound, slug: str) -> Step | None:
    return next((s for s in steps_for(grant_round) if s.slug == slug), None)


def next_step(grant_round: GrantRound, current: str) -> Step | None:
    steps = steps_for(grant_round)
    slugs = [s.slug for s in steps]
    index = slugs.index(current) if current in slugs else -1
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(grant_round: GrantRound, current: str) -> Step | None:
    steps = steps_for(grant_round)
    slugs = [s.slug for s in steps]
    index = slugs.index(current) if current in slugs else len(steps)
    return steps[index - 1] if index > 0 else None


def bound_form(grant_round: GrantRound, current: Step, answers: Answers) -> f.StepForm:
    return current.form_class(data=answers.get(current.slug) or {}, grant_round=grant_round)


def validated(grant_round: GrantRound, answers: Answers) -> tuple[dict, Step | None]:
    """All cleaned answers, or the first step whose answer is missing or no longer valid."""
    cleaned: dict = {}
    for current in steps_for(grant_round):
        form = bound_form(grant_round, current, answers)
        if current.slug not in answers or not form.is_valid():
            return cleaned, current
        cleaned[current.slug] = form
    return cleaned, None


def first_unanswered(grant_round: GrantRound, answers: Answers) -> Step | None:
    return next((s for s in steps_for(grant_round) if s.slug not in answers), None)


def posted_values(form: forms.Form, data) -> dict[str, object]:
    """The values of a step's fields as posted, to keep in the draft."""
    return {name: data.get(name, "") for name in form.fields}


# --- Signed answers ----------------------------------------------------------------------------------

SIGNING_SALT = "commonground.grants.application-answers"


def sign_answers(application_id: int, answers: Answers) -> str:
    return signing.dumps(
        {"application": application_id, "answers": answers}, salt=SIGNING_SALT, compress=True
    )


def unsign_answers(value: str, application_id: int) -> Answers | None:
    try:
        bundle = signing.loads(value, salt=SIGNING_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return None
    if not isinstance(bundle, dict) or bundle.get("application") != application_id:
        return None
    return bundle.get("answers")
