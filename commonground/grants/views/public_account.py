"""Applicants signing in by an emailed link, and signing out. Adapters only: the rules are in
applicant_session.py and actions/applicants.py."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from commonground.grants import applicant_session
from commonground.grants.actions import applicants
from commonground.grants.forms.public_account import PasswordSignInForm, SetPasswordForm, SignInForm

SENT_TO_KEY = "grants:link-sent-to"


def _staff_signed_in(request) -> bool:
    return request.user.is_authenticated


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_path = applicant_session.safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    if applicant_session.current_applicant(request) is not None:
        return redirect(next_path)
    if _staff_signed_in(request):
        # A staff account can never be an applicant: sign out of it first.
        return render(request, "grants/public/sign_in_staff.html", status=200)
    form = SignInForm(data=request.POST) if request.method == "POST" else SignInForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if not applicant_session.allow_attempt(request, email):
            return render(request, "grants/public/sign_in_limited.html", status=429)
        applicants.send_sign_in_link(
            email=email, next_path=next_path, site_root=request.build_absolute_uri("/")
        )
        request.session[SENT_TO_KEY] = email
        return redirect("grants:public-sign-in-sent")
    return render(request, "grants/public/sign_in.html", {"form": form, "next": next_path}, status=status)


@never_cache
def link_sent(request):
    return render(request, "grants/public/sign_in_sent.html", {"email": request.session.get(SENT_TO_KEY, "")})


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request, token: str):
    """GET shows a button (mail scanners that open links do not spend them); POST signs in."""
    if _staff_signed_in(request):
        return redirect("grants:public-sign-in")  # which says a staff account cannot apply
    if not applicant_session.allow_attempt(request):
        return render(request, "grants/public/sign_in_limited.html", status=429)
    if request.method == "GET":
        link = applicants.link_for(token)
        if link is None:
            return render(request, "grants/public/link_not_valid.html", status=404)
        return render(request, "grants/public/link_confirm.html")
    used = applicants.use_sign_in_link(token=token, request=request)
    if used is None:
        return render(request, "grants/public/link_not_valid.html", status=404)
    applicant_session.start_session(request, used.applicant)
    return redirect(applicant_session.safe_next(request, used.next_path))


@require_POST
def sign_out(request):
    applicant = applicant_session.current_applicant(request)
    if applicant is not None:
        applicants.record_sign_out(applicant=applicant)
        applicant_session.end_session(request)
    return render(request, "grants/public/signed_out.html")


@never_cache
@require_http_methods(["GET", "POST"])
def password_sign_in(request):
    next_path = applicant_session.safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    if _staff_signed_in(request):
        return redirect("grants:public-sign-in")  # which says a staff account cannot apply
    form = PasswordSignInForm(data=request.POST) if request.method == "POST" else PasswordSignInForm()
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if not applicant_session.allow_attempt(request, email):
            return render(request, "grants/public/sign_in_limited.html", status=429)
        applicant = applicants.sign_in_with_password(email=email, password=form.cleaned_data["password"])
        if applicant is not None:
            applicant_session.start_session(request, applicant)
            return redirect(next_path)
        form.add_error(
            None, _("The email address or password is not right. Check them, or sign in with an email link")
        )
    return render(
        request,
        "grants/public/sign_in_password.html",
        {"form": form, "next": next_path},
    )


@never_cache
@applicant_session.applicant_required
@require_http_methods(["GET", "POST"])
def set_password(request):
    form = SetPasswordForm(data=request.POST) if request.method == "POST" else SetPasswordForm()
    if request.method == "POST" and form.is_valid():
        applicant = applicants.set_applicant_password(
            applicant=request.applicant, password=form.cleaned_data["password"]
        )
        applicant_session.start_session(request, applicant)  # this session goes on; the others end
        messages.success(request, _("Your password is set. You can still sign in with an email link"))
        return redirect("grants:public-applications")
    return render(request, "grants/public/set_password.html", {"form": form})
