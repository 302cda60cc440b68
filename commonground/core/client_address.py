"""The address of the client behind our reverse proxies, in one place: sign-in lockouts, the audit
trail and flood limits all ask here.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so with
N trusted proxies the client is the N-th entry from the right. Entries further left were written
by the client itself and prove nothing. With no trusted proxy (the default) the header is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def address_from(*, remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """Pure: the client address, given the connection's address, the X-Forwarded-For header and
    how many proxies in front of the app are ours. Falls back to the connection's address when the
    header is missing, shorter than the proxy chain, or not an address."""
    if trusted_proxies <= 0 or not forwarded_for:
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if len(entries) < trusted_proxies:
        return remote_addr
    candidate = entries[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def client_address(request: HttpRequest) -> str:
    """The client's address for this request (django-axes calls this as AXES_CLIENT_IP_CALLABLE)."""
    return address_from(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted_proxies=settings.TRUSTED_PROXY_COUNT,
    )
