from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from commonground.core import audit, second_factor
from commonground.core.forms import NewPasswordForm, ResetPasswordForm, SecondFactorCodeForm, SignInForm
from commonground.core.models import AuditAction


def _safe_next(request, default: str = "core:staff-home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse_lazy(default)


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


@login_required
def two_factor_setup(request):
    device = second_factor.unconfirmed_device_for(request.user)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_device(actor=request.user, device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is set up.")
            return redirect(_safe_next(request))
        form.add_error("code", "That code is not right. Check the time on your phone and try the newest code")
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.base32_secret(device),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def two_factor_verify(request):
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(devices_for_user(request.user, confirmed=True))
        if devices and not any(device.verify_is_allowed()[0] for device in devices):
            # django-otp doubles the wait after each wrong code, to slow guessing.
            form.add_error(
                "code", "Wait a few seconds, then enter the newest code from your authenticator app"
            )
        else:
            for device in devices:
                if device.verify_token(form.cleaned_data["code"]):
                    otp_login(request, device)
                    return redirect(_safe_next(request))
            with transaction.atomic():
                audit.record(actor=request.user, action=AuditAction.SECOND_FACTOR_FAILED, obj=request.user)
            form.add_error("code", "That code is not right. Try the newest code from your authenticator app")
    return render(request, "core/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


class ResetPasswordView(auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("core:password-reset-sent")

    def form_valid(self, form):
        with transaction.atomic():
            audit.record(
                actor=None,
                actor_label="password reset form",
                action=AuditAction.PASSWORD_RESET_REQUESTED,
                object_type="core.user",
                object_repr="reset requested for an email address",
            )
        return super().form_valid(form)


class ResetPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_choose.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("core:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        with transaction.atomic():
            audit.record(
                actor=form.user, action=AuditAction.PASSWORD_CHANGED, obj=form.user, subject=form.user
            )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"
