"""The one client-IP policy: the address every rate limit and audit entry uses.

allauth's adapter decides it (``get_client_ip``): ``REMOTE_ADDR``, unless
``ALLAUTH_TRUSTED_PROXY_COUNT`` (``DJANGO_TRUSTED_PROXY_COUNT``) says how many of our
proxies append to ``X-Forwarded-For`` or ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER`` names a
header our proxy sets. allauth's own limits, ``lms.accounts.audit`` and the
certificate verification limit (``certificates.views``) all call this module.
"""

from __future__ import annotations

import ipaddress

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def get_client_ip(request) -> str | None:
    """The client's address as allauth's rate limits see it; None when there is no
    request or no usable address (no REMOTE_ADDR, or an X-Forwarded-For shorter than
    the proxies we trust, which did not come through them)."""
    if request is None:
        return None
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


def get_rate_limit_ip(request) -> str | None:
    """The client as a rate limit counts it: its IPv4 address, or its IPv6 network
    (``ALLAUTH_RATE_LIMIT_IPV6_PREFIX``, /64), as allauth's own limits count, so that
    rotating addresses inside one allocation does not reset a limit."""
    ip = get_client_ip(request)
    if ip is None:
        return None
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address):
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        network = ipaddress.IPv6Network(f"{ip}/{prefix}", strict=False)
        return str(network.network_address)
    return ip
