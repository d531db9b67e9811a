"""django-axes hooks: who is signing in, and what a locked-out editor is told."""

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation


def client_ip(request):
    """The address axes counts failures for (AXES_CLIENT_IP_CALLABLE).

    The peer address (REMOTE_ADDR), unless the peer is one of the proxies in TRUSTED_PROXIES:
    then the entry that proxy appended to X-Forwarded-For, skipping entries of further trusted
    proxies. Only the right-hand entries are written by proxies; the rest come from the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if not _is_in(remote, proxies):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_in(entry, proxies):
            try:
                return str(ipaddress.ip_address(entry))
            except ValueError:
                return remote
    return remote


def trusted_proxies():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _is_in(address, networks):
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in networks)


def locked_out(request, original_response=None, credentials=None):
    """The lockout page, in the language the editor reads the admin in."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    lang = translation.get_language_from_request(request, check_path=False)
    with translation.override(lang):
        body = loader.render_to_string(
            "axes/lockout.html",
            {"minutes": minutes, "request_id": getattr(request, "request_id", "")},
        )
    return HttpResponse(body, status=429)
