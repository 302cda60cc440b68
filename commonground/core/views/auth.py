from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from commonground.core import recovery_codes, second_factor
from commonground.core.actions import passwords
from commonground.core.actions import second_factor as second_factor_actions
from commonground.core.forms import (
    NewPasswordForm,
    ResetPasswordForm,
    SecondFactorCodeForm,
    SignInCodeForm,
    SignInForm,
)


def _safe_next(request, default: str = "core:staff-home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:signed-out")


def signed_out(request):
    return render(request, "core/signed_out.html")


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when a username has failed too often; the lock lifts by itself."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)


def _signed_in_with_second_factor(request, device) -> None:
    """Mark the session as having passed the second factor, under a new key: a key seen before
    this step (after the password alone) is worth nothing afterwards."""
    otp_login(request, device)
    request.session.cycle_key()


_RECOVERY_CODES_TO_SHOW = "core:recovery-codes-to-show"


def _redirect_keeping_next(request, url_name: str):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': str(_safe_next(request))})}")


def _to_verify(request):
    return _redirect_keeping_next(request, "core:two-factor-verify")


@login_required
def two_factor_setup(request):
    if not second_factor.may_set_up_device(request.user):
        # Replacing a device needs a full sign-in with the current one (or a recovery code).
        return _to_verify(request)
    device = second_factor_actions.unconfirmed_device_for(request.user)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor_actions.confirm_device(
            actor=request.user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            _signed_in_with_second_factor(request, device)
            request.session[_RECOVERY_CODES_TO_SHOW] = codes
            messages.success(request, "Two-factor authentication is set up.")
            return _redirect_keeping_next(request, "core:two-factor-recovery-codes")
        form.add_error("code", "That code is not right. Check the time on your phone and try the newest code")
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.base32_secret(device),
            "next": request.GET.get("next", ""),
            "replacing": second_factor.has_confirmed_device(request.user),
        },
    )


@login_required
def two_factor_recovery_codes(request):
    """The recovery codes issued at set-up, shown once: taken out of the session as they are shown."""
    if not second_factor.is_fully_signed_in(request.user):
        return _to_verify(request)
    codes = request.session.pop(_RECOVERY_CODES_TO_SHOW, None) or []
    return render(
        request,
        "core/two_factor_recovery_codes.html",
        {
            "codes": [recovery_codes.for_display(code) for code in codes],
            "next": _safe_next(request),
        },
    )


@login_required
def two_factor_verify(request):
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = second_factor_actions.check_sign_in_code(
            actor=request.user, code=form.cleaned_data["code"], is_recovery_code=form.is_recovery_code
        )
        if check.outcome is second_factor_actions.CodeOutcome.ACCEPTED:
            _signed_in_with_second_factor(request, check.device)
            if form.is_recovery_code:
                messages.info(
                    request,
                    "You signed in with a recovery code, which cannot be used again. If you have lost "
                    "your phone, set up your authenticator app again from your home page.",
                )
            return redirect(_safe_next(request))
        if check.outcome is second_factor_actions.CodeOutcome.TOO_SOON:
            form.add_error(
                "code", "Wait a few seconds, then enter the newest code from your authenticator app"
            )
        else:
            form.add_error("code", "That code is not right. Try the newest code from your authenticator app")
    return render(request, "core/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


class ResetPasswordView(auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("core:password-reset-sent")

    def form_valid(self, form):
        passwords.record_password_reset_requested()
        return super().form_valid(form)


class ResetPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_choose.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("core:password-reset-complete")

    def form_valid(self, form):
        # The new password and its audit event commit together (Django's view saves the password).
        with transaction.atomic():
            response = super().form_valid(form)
            passwords.record_password_changed(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"
