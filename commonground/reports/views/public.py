"""The public side: choosing a journey, its question pages, check answers, confirmation, the
private status page, and the advice pages. Adapters only: rules live in journey.py and actions."""

import uuid

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonground.reports import flood, pending_photos, queries
from commonground.reports.actions.follow_up import consents_now, send_reporter_message, set_consent
from commonground.reports.actions.submission import submit_report
from commonground.reports.forms_public import PhotosForm
from commonground.reports.forms_status import ConsentForm, ReporterMessageForm
from commonground.reports.journey import (
    JOURNEYS,
    Journey,
    posted_values,
    sign_answers,
    to_report_answers,
    unsign_answers,
)
from commonground.reports.models import Channel, SharingPartner
from commonground.reports.photos import MAX_BYTES, PhotoRefused, clean_photo

MAX_PHOTOS = 3


def _journey(slug: str) -> Journey:
    journey = JOURNEYS.get(slug)
    if journey is None:
        raise Http404("No such journey")
    return journey


def _state(request, journey: Journey) -> dict:
    state = request.session.get(f"journey:{journey.slug}")
    if not state:
        state = {"answers": {}, "key": uuid.uuid4().hex, "photos": []}
    return state


def _save_state(request, journey: Journey, state: dict) -> None:
    request.session[f"journey:{journey.slug}"] = state


def choose(request):
    return render(request, "reports/public/choose.html", {"journeys": JOURNEYS})


def start(request, journey: str):
    journey = _journey(journey)
    first = journey.steps[0]
    return render(
        request,
        f"reports/public/start_{journey.slug.replace('-', '_')}.html",
        {"journey": journey, "first_url": reverse("reports:question", args=[journey.slug, first.slug])},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def question(request, journey: str, step: str):
    journey = _journey(journey)
    state = _state(request, journey)
    current = journey.step(step)
    if current is None or not current.applies(state["answers"]):
        raise Http404("No such question")
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = current.form_class(data=request.POST, files=request.FILES)
        photo_error = _take_photos(request, state) if current.form_class is PhotosForm else None
        if form.is_valid() and photo_error is None:
            state["answers"][current.slug] = posted_values(current.form_class, request.POST)
            _save_state(request, journey, state)
            following = journey.next_step(current.slug, state["answers"])
            _, missing = journey.validated(state["answers"])
            if following is None or (changing and missing is None):
                return redirect("reports:check", journey.slug)
            return redirect("reports:question", journey.slug, following.slug)
        if photo_error:
            form.add_error("photos", photo_error)
    else:
        form = (
            current.form_class(data=state["answers"].get(current.slug))
            if current.slug in state["answers"]
            else current.form_class()
        )
    previous = journey.previous_step(current.slug, state["answers"])
    back_url = (
        reverse("reports:check", args=[journey.slug])
        if changing
        else reverse("reports:question", args=[journey.slug, previous.slug])
        if previous
        else reverse("reports:start", args=[journey.slug])
    )
    return render(
        request,
        "reports/public/question.html",
        {
            "journey": journey,
            "step": current,
            "form": form,
            "back_url": back_url,
            "photo_count": len(state["photos"]),
        },
    )


def _take_photos(request, state: dict) -> str | None:
    files = request.FILES.getlist("photos")
    if len(files) + len(state["photos"]) > MAX_PHOTOS:
        return _("You can upload up to %(count)d photos") % {"count": MAX_PHOTOS}
    cleaned = []
    for upload in files:
        try:
            cleaned.append(clean_photo(upload.read(MAX_BYTES + 1)))
        except PhotoRefused as refused:
            return str(refused)
    state["photos"] += [pending_photos.keep(photo) for photo in cleaned]
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def check_answers(request, journey: str):
    journey = _journey(journey)
    if request.method == "POST":
        return _send(request, journey)
    state = _state(request, journey)
    _, missing = journey.validated(state["answers"])
    if missing is not None:
        return redirect("reports:question", journey.slug, missing.slug)
    return render(
        request,
        "reports/public/check_answers.html",
        {
            "journey": journey,
            "rows": _summary_rows(journey, state["answers"]),
            "photo_count": len(state["photos"]),
            "signed_answers": sign_answers(journey, state["answers"], state["key"], state["photos"]),
        },
    )


def _summary_rows(journey: Journey, answers: dict) -> list[dict]:
    rows = []
    for step in journey.applicable_steps(answers):
        if step.slug == "photos":
            continue
        form = step.form_class(data=answers.get(step.slug) or {})
        form.is_valid()
        values = []
        for name, form_field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            choices = dict(getattr(form_field, "choices", []) or [])
            if isinstance(value, list):
                values.append(", ".join(str(choices.get(v, v)) for v in value))
            elif choices:
                values.append(str(choices.get(value, value)))
            elif hasattr(value, "strftime"):
                values.append(value.strftime("%d/%m/%Y"))
            else:
                values.append(str(value))
        rows.append(
            {
                "label": step.check_label,
                "values": values or [_("Not given")],
                "change_url": reverse("reports:question", args=[journey.slug, step.slug]) + "?change=1",
            }
        )
    return rows


def _send(request, journey: Journey):
    if request.POST.get("website"):
        # The honeypot: people never see this field; automated spam fills it.
        return render(request, "reports/public/try_later.html", status=429)
    bundle = unsign_answers(request.POST.get("answers", ""))
    if bundle is None or bundle.get("journey") != journey.slug:
        messages.error(request, _("Your answers could not be read. Check them and send them again."))
        return redirect("reports:check", journey.slug)
    cleaned, missing = journey.validated(bundle["answers"])
    if missing is not None:
        return redirect("reports:question", journey.slug, missing.slug)
    if not flood.allow(request):
        return render(request, "reports/public/try_later.html", status=429)
    try:
        submitted = submit_report(
            actor=None,
            answers=to_report_answers(journey, cleaned),
            channel=Channel.WEB,
            submission_key=f"web:{bundle['key']}",
            photos=pending_photos.load(bundle["photos"]),
            language=get_language() or "en",
        )
    except DatabaseError:
        # Nothing was stored (one transaction). Show the answers again, ready to send again.
        return render(
            request,
            "reports/public/not_saved.html",
            {
                "journey": journey,
                "rows": _summary_rows(journey, bundle["answers"]),
                "signed_answers": request.POST["answers"],
            },
            status=503,
        )
    pending_photos.discard(bundle["photos"])
    request.session.pop(f"journey:{journey.slug}", None)
    # The confirmation reads a short-lived signed receipt, not the session: one write fewer per
    # report, and the page works even if the session store is struggling.
    receipt = signing.dumps(
        {
            "journey": journey.slug,
            "reference": submitted.report.reference,
            "secret": submitted.status_secret,
            "email": submitted.report.contact_email,
        },
        salt=RECEIPT_SALT,
    )
    return redirect(reverse("reports:confirmation", args=[journey.slug]) + f"?receipt={receipt}")


RECEIPT_SALT = "commonground.reports.receipt"


@never_cache
def confirmation(request, journey: str):
    journey = _journey(journey)
    try:
        last = signing.loads(request.GET.get("receipt", ""), salt=RECEIPT_SALT, max_age=60 * 60)
    except signing.BadSignature:
        last = None
    if not last or last.get("journey") != journey.slug:
        return redirect("reports:start", journey.slug)
    return render(
        request,
        "reports/public/confirmation.html",
        {
            "journey": journey,
            "reference": last["reference"],
            "status_url": request.build_absolute_uri(reverse("reports:status", args=[last["secret"]])),
            "email": last["email"],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def status(request, secret: str):
    report = queries.report_by_status_secret(secret)
    if report is None:
        return render(request, "reports/public/status_not_found.html", status=404)
    message_form = ReporterMessageForm(request.POST if request.POST.get("action") == "message" else None)
    consent_form = ConsentForm(
        request.POST if request.POST.get("action") == "consent" else None, current=consents_now(report)
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "message" and message_form.is_valid():
                send_reporter_message(report=report, body=message_form.cleaned_data["body"])
                messages.success(request, _("Your message has been sent."))
                return redirect("reports:status", secret)
            if request.POST.get("action") == "consent" and consent_form.is_valid():
                chosen = set(consent_form.cleaned_data["share_with"])
                for partner in SharingPartner.values:
                    set_consent(report=report, partner=partner, given=partner in chosen)
                messages.success(request, _("Your choices have been saved."))
                return redirect("reports:status", secret)
        except ValidationError as error:
            message_form.add_error(None, error)
    return render(
        request,
        "reports/public/status.html",
        {
            "report": report,
            "history": report.status_changes.all(),
            "thread": report.messages.all(),
            "message_form": message_form,
            "consent_form": consent_form,
        },
    )


def advice_index(request):
    return render(
        request, "reports/public/advice_index.html", {"pages": queries.content_pages(get_language() or "en")}
    )


def advice_page(request, slug: str):
    page = queries.content_page(slug, get_language() or "en")
    if page is None:
        raise Http404("No such page")
    return render(request, "reports/public/advice_page.html", {"page": page})
