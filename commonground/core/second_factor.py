"""Who must use a second factor, setting one up (TOTP, as authenticator apps use) and checking
the code entered at sign-in (from the app, or a one-time recovery code)."""

import base64
import enum
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core import audit, recovery_codes
from commonground.core.models import AuditAction, User
from commonground.core.roles import ROLES_REQUIRING_SECOND_FACTOR, Role

DEVICE_NAME = "Authenticator app"


def second_factor_skipped() -> bool:
    """The development-only quick look: nobody is asked for a code (refused with DEBUG off)."""
    return bool(settings.DEMO_SKIP_SECOND_FACTOR and settings.DEBUG)


# Where a user object (one per request) keeps its group names: an attribute of the instance, not a field.
_CACHED_GROUP_NAMES = "_commonground_group_names"


def needs_second_factor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if second_factor_skipped():
        return False
    if user.is_superuser or user.is_staff:
        return True
    group_names = getattr(user, _CACHED_GROUP_NAMES, None)
    if group_names is None:
        group_names = set(user.groups.values_list("name", flat=True))
        setattr(user, _CACHED_GROUP_NAMES, group_names)
    return any(Role.from_group_name(name) in ROLES_REQUIRING_SECOND_FACTOR for name in group_names)


def is_fully_signed_in(user: User) -> bool:
    """Signed in, and past the second factor wherever one is needed: the rule for reaching staff
    pages (middleware.SecondFactorRequiredMiddleware) and for showing the staff menu."""
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return not needs_second_factor(user) or bool(is_verified and is_verified())


def has_confirmed_device(user: User) -> bool:
    """An authenticator app or recovery codes that the user has already proven they hold."""
    return any(True for _ in devices_for_user(user, confirmed=True))


def may_set_up_device(user: User) -> bool:
    """A first device after the password alone; a replacement only after signing in with the
    current one (or a recovery code). Otherwise a stolen password would be enough to swap the
    second factor for the thief's own."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified()) or not has_confirmed_device(user)


def unconfirmed_device_for(user: User) -> TOTPDevice:
    """The device being set up (created on first visit to the set-up page; not yet trusted)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def provisioning_uri(device: TOTPDevice) -> str:
    issuer = quote(settings.OTP_TOTP_ISSUER)
    label = quote(f"{settings.OTP_TOTP_ISSUER}:{device.user.get_username()}")
    return f"otpauth://totp/{label}?secret={base32_secret(device)}&issuer={issuer}&digits={device.digits}&period={device.step}"


def qr_code_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the provisioning URI (nothing leaves the server)."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(
        scale=4, title="QR code to scan with your authenticator app"
    )


def confirm_device(*, actor: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a device if the code is right and the user may set one up: the user's other devices
    are removed and new recovery codes issued (returned, to be shown once). None if refused."""
    if device.user_id != actor.pk or not may_set_up_device(actor) or not device.verify_token(token):
        return None
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).exists()
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes.issue_recovery_codes(user=actor)
        audit.record(
            actor=actor,
            action=AuditAction.SECOND_FACTOR_ENROLLED,
            obj=actor,
            subject=actor,
            changes={"replaced_an_existing_device": replaced, "recovery_codes_issued": len(codes)},
        )
    return codes


class CodeOutcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    TOO_SOON = "too soon"  # django-otp doubles the wait after each wrong code, to slow guessing


@dataclass(frozen=True)
class CodeCheck:
    outcome: CodeOutcome
    device: Device | None = None


def check_sign_in_code(*, actor: User, code: str, is_recovery_code: bool) -> CodeCheck:
    """Check a code entered at sign-in against the user's authenticator app, or (for a recovery
    code) spend one of their recovery codes. A wrong code is audited."""
    if is_recovery_code:
        candidates: list[Device] = [d for d in [recovery_codes.recovery_device_for(actor)] if d]
    else:
        candidates = list(TOTPDevice.objects.filter(user=actor, confirmed=True))
    if candidates and not any(device.verify_is_allowed()[0] for device in candidates):
        return CodeCheck(CodeOutcome.TOO_SOON)
    if is_recovery_code:
        device = recovery_codes.use_recovery_code(actor=actor, code=code)
        if device is not None:
            return CodeCheck(CodeOutcome.ACCEPTED, device)
    else:
        for device in candidates:
            if device.verify_token(code):
                return CodeCheck(CodeOutcome.ACCEPTED, device)
    with transaction.atomic():
        audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_FAILED, obj=actor)
    return CodeCheck(CodeOutcome.WRONG)
