"""The public side: choosing a journey, its question pages, check answers, confirmation, and the
advice pages (the private status link is in status.py). Adapters only: rules live in journey.py
and actions."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonground.core.sessions import SessionNotSaved
from commonground.reports import flood, pending_photos, queries
from commonground.reports.actions.submission import submit_report
from commonground.reports.evidence import clean_evidence
from commonground.reports.journey import (
    JOURNEYS,
    Journey,
    Step,
    posted_values,
    sign_answers,
    to_report_answers,
    unsign_answers,
)
from commonground.reports.models import Channel, WorryRoute
from commonground.reports.photos import MAX_BYTES, PhotoRefused, clean_photo
from commonground.reports.references import status_secret
from commonground.reports.views.status import private_page


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


def _session_unavailable(request) -> bool:
    """The session could not be read (the database is down): what it holds is unknown, not empty."""
    return getattr(request.session, "unavailable", False)


def _kept(request) -> bool:
    """Save the session now; False if the database could not take it. A page moves on only once
    what the person answered is kept."""
    try:
        request.session.save_now()
    except SessionNotSaved:
        return False
    return True


def _service_unavailable(response):
    response.status_code = 503
    response["Retry-After"] = "60"
    return response


def _try_again_later(request):
    """A page that shows what the session holds, when the session cannot be read."""
    return _service_unavailable(render(request, "reports/public/try_again.html", {"retry_url": request.path}))


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
    outage = _session_unavailable(request)
    # During an outage earlier answers are unknown, so a question that depends on them is still shown.
    if current is None or not (outage or current.applies(state["answers"])):
        raise Http404("No such question")
    changing = request.GET.get("change") == "1"
    if outage:
        form = current.form_class(data=request.POST) if request.method == "POST" else current.form_class()
        return _question_page(request, journey, current, form, state, changing, status=503, outage=True)
    if request.method == "POST":
        form = current.form_class(data=request.POST, files=request.FILES)
        photo_error, status = _take_photos(request, state, current) if current.max_files else (None, 200)
        if form.is_valid() and photo_error is None:
            state["answers"][current.slug] = posted_values(current.form_class, request.POST)
            _save_state(request, journey, state)
            if not _kept(request):
                # The answer is on the page again, ready to send again when the database is back.
                return _question_page(
                    request, journey, current, form, state, changing, status=503, outage=True
                )
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
    return _question_page(
        request, journey, current, form, state, changing, status=status if request.method == "POST" else 200
    )


def _question_page(request, journey, current, form, state, changing, *, status, outage=False):
    previous = journey.previous_step(current.slug, state["answers"])
    back_url = (
        reverse("reports:check", args=[journey.slug])
        if changing
        else reverse("reports:question", args=[journey.slug, previous.slug])
        if previous
        else reverse("reports:start", args=[journey.slug])
    )
    response = render(
        request,
        "reports/public/question.html",
        {
            "journey": journey,
            "step": current,
            "form": form,
            "back_url": back_url,
            "photo_count": len(state["photos"]),
            "outage": outage,
        },
        status=status,
    )
    if outage:
        response["Retry-After"] = "60"
    return response


def _take_photos(request, state: dict, step: Step) -> tuple[str | None, int]:
    """Check and keep the uploaded files: an error message (or None) and the page's status."""
    files = request.FILES.getlist("photos")
    kept = len(pending_photos.still_kept(state["photos"]))
    if len(files) + kept > step.max_files:
        if step.slug == "evidence":
            return _(
                "You can add up to %(count)d files. You have already added %(kept)d. "
                "Remove one on the next page to add another."
            ) % {"count": step.max_files, "kept": kept}, 200
        return _("You can upload up to %(count)d photos") % {"count": step.max_files}, 200
    if files and not flood.allow_photos(request, len(files)):
        # Checked before any photo is decoded: decoding is what costs memory.
        return _(
            "We have received a lot of photos from your connection in a short time. "
            "Continue without this photo, or add it again in an hour."
        ), 429
    # The hate incident's evidence step also takes screenshots and PDFs; the tension journey, photos.
    check = clean_evidence if step.slug == "evidence" else clean_photo
    cleaned = []
    for upload in files:
        try:
            cleaned.append(check(upload.read(MAX_BYTES + 1)))
        except PhotoRefused as refused:
            return str(refused), 200
    state["photos"] += [pending_photos.keep(photo) for photo in cleaned]
    return None, 200


@never_cache
@require_http_methods(["GET", "POST"])
def check_answers(request, journey: str):
    journey = _journey(journey)
    state = _state(request, journey)
    if request.method == "POST" and "remove" in request.POST:
        return _remove_file(request, journey, state, request.POST["remove"])
    if request.method == "POST":
        return _send(request, journey)
    if _session_unavailable(request):
        return _try_again_later(request)
    _, missing = journey.validated(state["answers"])
    if missing is not None:
        return redirect("reports:question", journey.slug, missing.slug)
    photos = pending_photos.still_kept(state["photos"])  # not those removed after the time allowed
    return render(
        request,
        "reports/public/check_answers.html",
        {
            "journey": journey,
            "rows": _summary_rows(journey, state["answers"]),
            "photo_count": len(photos),
            "files": _file_rows(journey, photos),
            "signed_answers": sign_answers(journey, state["answers"], state["key"], photos),
        },
    )


def _remove_file(request, journey: Journey, state: dict, name: str):
    """Only a file this session added can be removed; any other name changes nothing."""
    if _session_unavailable(request):
        return _try_again_later(request)
    if name in state["photos"]:
        state["photos"].remove(name)
        _save_state(request, journey, state)
        if not _kept(request):
            return _try_again_later(request)
        pending_photos.discard([name])
    return redirect("reports:check", journey.slug)


def _file_rows(journey: Journey, names: list[str]) -> list[dict]:
    if journey.step("evidence") is None:
        return []  # the tension journey's photos are counted, as before
    rows = []
    for number, name in enumerate(names, start=1):
        label = _("PDF document %(number)d") if name.endswith(".pdf") else _("Photo or screenshot %(number)d")
        rows.append({"name": name, "label": label % {"number": number}})
    return rows


def _summary_rows(journey: Journey, answers: dict) -> list[dict]:
    rows = []
    for step in journey.applicable_steps(answers):
        if step.max_files:
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
    # The confirmation page reads what it shows from the server, never from its address: the
    # session holds which report was sent (by its status secret's hash, as the database does).
    request.session[SENT_KEY] = {
        "journey": journey.slug,
        "report": submitted.report.status_secret_hash,
        "at": timezone.now().isoformat(),
    }
    if not _kept(request):
        # The report is stored, but the confirmation could not be prepared. Sending the same answers
        # again finds the same report (the submission key), and then shows its reference.
        return _service_unavailable(
            render(
                request,
                "reports/public/sent_not_shown.html",
                {"journey": journey, "signed_answers": request.POST["answers"]},
            )
        )
    return redirect("reports:confirmation", journey.slug)


SENT_KEY = "report:sent"
CONFIRMATION_SHOWN_FOR = timedelta(hours=1)


@never_cache
@private_page
def confirmation(request, journey: str):
    journey = _journey(journey)
    sent = request.session.get(SENT_KEY) or {}
    if _session_unavailable(request):
        return _try_again_later(request)
    sent_at = parse_datetime(sent.get("at", ""))
    report = (
        queries.report_by_status_secret_hash(sent.get("report", ""))
        if sent.get("journey") == journey.slug
        and sent_at is not None
        and timezone.now() - sent_at < CONFIRMATION_SHOWN_FOR
        else None
    )
    if report is None:
        return redirect("reports:start", journey.slug)
    # The link is rebuilt from the report's nonce and the server key; no secret is kept anywhere.
    secret = status_secret(report.status_nonce)
    return render(
        request,
        "reports/public/confirmation.html",
        {
            "journey": journey,
            "reference": report.reference,
            "status_url": request.build_absolute_uri(reverse("reports:status", args=[secret])),
            "email": report.contact_email,
            # A call-back worry waits in the helpline advisors' call-back queue, not with triage.
            "call_back": report.worry_route == WorryRoute.CALL_BACK,
            "call_back_attempts": settings.CALL_BACK_MAX_FAILED_ATTEMPTS,
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
