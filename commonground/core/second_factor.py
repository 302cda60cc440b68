"""Who must use a second factor, and setting one up (TOTP, as authenticator apps use)."""

import base64
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core import audit
from commonground.core.models import AuditAction, User
from commonground.core.roles import ROLES_REQUIRING_SECOND_FACTOR, Role

DEVICE_NAME = "Authenticator app"


def needs_second_factor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if settings.DEMO_SKIP_SECOND_FACTOR and settings.DEBUG:
        return False
    if user.is_superuser or user.is_staff:
        return True
    group_names = getattr(user, "_commonground_group_names", None)
    if group_names is None:
        group_names = set(user.groups.values_list("name", flat=True))
        user._commonground_group_names = group_names
    return any(Role.from_group_name(name) in ROLES_REQUIRING_SECOND_FACTOR for name in group_names)


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


def confirm_device(*, actor: User, device: TOTPDevice, token: str) -> bool:
    """Confirm a device if the code is right. The user's other devices are removed."""
    if device.user_id != actor.pk or not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_ENROLLED, obj=actor, subject=actor)
    return True
