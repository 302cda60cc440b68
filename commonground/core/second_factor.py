"""Who must use a second factor, and what a person setting one up is shown (TOTP, as authenticator
apps use). Setting one up and checking a code at sign-in are actions (core/actions/second_factor.py)."""

import base64
from urllib.parse import quote

import segno
from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.models import User
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
