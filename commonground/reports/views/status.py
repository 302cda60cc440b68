"""The private status link, kept out of addresses after its first use.

The emailed link `/status/<secret>/` is opened once: the secret is exchanged for an entry in a new
session (the session key is rotated) and the browser is sent, with 303, to `/status/`, which shows
the report that session holds. Messages and consent changes post there too, so the secret is never
again in an address, a server log or a Referer header. The session keeps only the secret's hash
(as the database does), never the secret itself. Everything here works without JavaScript."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonground.reports import flood, queries
from commonground.reports.actions.follow_up import send_reporter_message, set_consent
from commonground.reports.forms.status import ConsentForm, ReporterMessageForm
from commonground.reports.models import Report, SharingPartner

HELD_REPORT = "status:report"  # session key → the status secret's hash of the report shown


def private_page(view):
    """Pages about one report tell no other site where the reader came from. (Not `no-referrer`:
    with it, browsers send `Origin: null` with the page's own forms, which CSRF checks refuse.)
    A response that sets its own policy keeps it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return wrapped


def hold_report(request, report: Report) -> None:
    """This browser's session may now show `report` at /status/ (until it ends)."""
    request.session.cycle_key()  # a session fixed by someone else before the link was opened is left behind
    request.session[HELD_REPORT] = report.status_secret_hash


def held_report(request) -> Report | None:
    held = request.session.get(HELD_REPORT)
    return queries.report_by_status_secret_hash(held) if isinstance(held, str) else None


@never_cache
@private_page
@require_http_methods(["GET", "HEAD"])
def open_status_link(request, secret: str):
    report = queries.report_by_status_secret(secret)
    if report is None:
        return render(request, "reports/public/status_not_found.html", status=404)
    hold_report(request, report)
    response = HttpResponseRedirect(reverse("reports:status-page"), status=303)
    response["Referrer-Policy"] = "no-referrer"  # the address with the secret is passed to no one
    return response


@never_cache
@private_page
@require_http_methods(["GET", "POST"])
def status_page(request):
    report = held_report(request)
    if report is None:
        # The session ended (or the link was never opened here). Keep anything typed, to send again.
        unsent = request.POST.get("body", "").strip() if request.POST.get("action") == "message" else ""
        return render(request, "reports/public/status_not_held.html", {"unsent": unsent})
    action = request.POST.get("action")
    message_form = ReporterMessageForm(request.POST if action == "message" else None)
    consent_form = ConsentForm(
        request.POST if action == "consent" else None, current=queries.consents_now(report)
    )
    status = 200
    if request.method == "POST":
        form = message_form if action == "message" else consent_form if action == "consent" else None
        if form is not None and form.is_valid():
            if not flood.allow_status_action(report.status_secret_hash):
                form.add_error(None, _too_many())
                status = 429
            else:
                try:
                    return _act(request, report, action, form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
    history, thread = queries.status_page_lists(report)
    return render(
        request,
        "reports/public/status.html",
        {
            "report": report,
            "history": history,
            "thread": thread,
            "message_form": message_form,
            "consent_form": consent_form,
        },
        status=status,
    )


def _act(request, report: Report, action: str, cleaned: dict):
    if action == "message":
        send_reporter_message(report=report, body=cleaned["body"])
        messages.success(request, _("Your message has been sent."))
    else:
        chosen = set(cleaned["share_with"])
        for partner in SharingPartner.values:
            set_consent(report=report, partner=partner, given=partner in chosen)
        messages.success(request, _("Your choices have been saved."))
    return HttpResponseRedirect(reverse("reports:status-page"), status=303)


def _too_many() -> str:
    return _(
        "You have sent a lot from this link in a short time, so we cannot take this just now. "
        "Nothing has been lost: what you typed is still here. Please send it again in an hour."
    )
